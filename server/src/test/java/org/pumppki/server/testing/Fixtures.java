package org.pumppki.server.testing;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Unique values, so that tests never collide with each other's data. */
public final class Fixtures {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Fixtures() {
    }

    /** A device serial no other test uses. */
    public static String serial(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "-" + COUNTER.incrementAndGet();
    }

    /** A CA name (used in URLs) no other test uses. */
    public static String caName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String pumpJson(String serial) {
        return """
                {"kind": "pump", "serial": "%s", "manufacturer": "Acme Infusion", "model": "Alaris 8015",
                 "udi": "(01)00885403801586(21)%s", "macAddress": "00-1A-2B-3C-4D-5E", "firmware": "12.1.3",
                 "location": "ICU-3 West"}
                """.formatted(serial, serial);
    }
}
