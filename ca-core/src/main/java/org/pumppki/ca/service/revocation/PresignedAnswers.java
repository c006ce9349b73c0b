package org.pumppki.ca.service.revocation;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.pumppki.ca.crypto.OcspCacheKey;
import org.pumppki.ca.crypto.OcspReply;

/**
 * Pre-signed OCSP answers for requests without a nonce, one per certificate and hash algorithm.
 * Bounded without ever dropping what it holds to make room: once full, new answers are signed per
 * request and not kept, so requests for made-up serials cannot push out the fleet's answers.
 * Entries leave only when their certificate's status changes or the responders are replaced.
 */
final class PresignedAnswers {

    private final int capacity;
    private final Map<OcspCacheKey, OcspReply> answers = new ConcurrentHashMap<>();

    PresignedAnswers(int capacity) {
        this.capacity = capacity;
    }

    Optional<OcspReply> get(OcspCacheKey key) {
        return Optional.ofNullable(answers.get(key));
    }

    /**
     * Keeps the answer if there is room (or it replaces a stale one) and {@code stillCurrent} holds
     * at the moment it is stored: a status change that committed while it was signed has already
     * dropped the key, and a late put must not bring the old answer back.
     */
    void offer(OcspCacheKey key, OcspReply reply, BooleanSupplier stillCurrent) {
        if (answers.size() >= capacity && !answers.containsKey(key)) {
            return;
        }
        answers.compute(key, (k, existing) -> stillCurrent.getAsBoolean() ? reply : existing);
    }

    void forget(java.util.function.Predicate<OcspCacheKey> which) {
        answers.keySet().removeIf(which);
    }

    void clear() {
        answers.clear();
    }

    int size() {
        return answers.size();
    }
}
