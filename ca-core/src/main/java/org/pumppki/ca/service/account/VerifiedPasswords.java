package org.pumppki.ca.service.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers, for a short time, that a password matched a given stored bcrypt hash. HTTP Basic
 * sends the password with every request; running bcrypt each time would make every API call cost
 * a quarter of a second of CPU. Entries are keyed by the stored hash, so a changed password or a
 * deleted account is never matched, and hold only an HMAC under a per-process random key.
 */
final class VerifiedPasswords {

    private static final int MAX_ENTRIES = 10_000;

    private record Entry(byte[] mac, Instant expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final Duration ttl;

    VerifiedPasswords(Duration ttl) {
        byte[] keyBytes = new byte[32];
        new SecureRandom().nextBytes(keyBytes);
        this.key = new SecretKeySpec(keyBytes, "HmacSHA256");
        this.ttl = ttl;
    }

    boolean isKnownMatch(String storedHash, String password, Instant now) {
        Entry entry = entries.get(storedHash);
        if (entry == null) {
            return false;
        }
        if (now.isAfter(entry.expiresAt())) {
            entries.remove(storedHash, entry);
            return false;
        }
        return MessageDigest.isEqual(entry.mac(), mac(storedHash, password));
    }

    void rememberMatch(String storedHash, String password, Instant now) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(storedHash, new Entry(mac(storedHash, password), now.plus(ttl)));
    }

    private byte[] mac(String storedHash, String password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            hmac.update(storedHash.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            return hmac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
