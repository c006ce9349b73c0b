package org.pumppki.server.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.crypto.OcspIssuer;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.revocation.OcspResponders;
import org.pumppki.server.testing.ShiftableClock;

@QuarkusTest
class OcspResponderRotationTest {

    @Inject
    OcspResponders responders;

    @Inject
    ShiftableClock clock;

    @Test
    void aResponderIsReplacedOnceHalfItsLifeIsGoneAndNeverBeforeItIsValid() {
        OcspResponders.Current now = responders.ensureCurrent();
        assertFalse(responders.ensureCurrent().rotated(), "a fresh responder stays");
        String before = responderSerial(now.issuers());
        try {
            clock.shift(Duration.ofDays(4));
            OcspResponders.Current later = responders.ensureCurrent();
            assertTrue(later.rotated(), "past half of its seven days");
            String rotated = responderSerial(later.issuers());
            assertNotEquals(before, rotated);
            assertFalse(responders.ensureCurrent().rotated(), "one rotation, not one per call");
            as(Role.AUDITOR).get("/api/v1/certificates/" + rotated)
                    .then().statusCode(200)
                    .body("profile", org.hamcrest.Matchers.equalTo("ocsp-responder"));
        } finally {
            clock.reset();
        }
        // Back at the real time the responder issued "in four days" is not valid yet; one valid now is used.
        OcspResponders.Current back = responders.ensureCurrent();
        assertEquals(before, responderSerial(back.issuers()), "the responder valid now is still current");
    }

    private static String responderSerial(List<OcspIssuer> issuers) {
        return issuers.stream().filter(i -> i.issuerCertificate().getSubject().toString().contains("PumpPKI Issuing CA 1"))
                .findFirst().orElseThrow().responderCertificate().getSerialNumber().toString(16);
    }
}
