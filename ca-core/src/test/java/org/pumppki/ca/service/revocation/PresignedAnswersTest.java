package org.pumppki.ca.service.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.crypto.CertIdHash;
import org.pumppki.ca.crypto.OcspCacheKey;
import org.pumppki.ca.crypto.OcspReply;
import org.pumppki.ca.crypto.OcspResponseStatus;

class PresignedAnswersTest {

    private static OcspCacheKey key(long serial) {
        return new OcspCacheKey("issuing", BigInteger.valueOf(serial), CertIdHash.SHA256);
    }

    private static OcspReply reply() {
        return OcspReply.unsigned(OcspResponseStatus.TRY_LATER, null);
    }

    @Test
    void aFullCacheKeepsWhatItHoldsAndDoesNotTakeNewKeys() {
        PresignedAnswers answers = new PresignedAnswers(3);
        OcspReply fleet = reply();
        answers.offer(key(1), fleet, () -> true);
        answers.offer(key(2), reply(), () -> true);
        answers.offer(key(3), reply(), () -> true);

        for (long serial = 100; serial < 1_000; serial++) {
            answers.offer(key(serial), reply(), () -> true);
        }

        assertEquals(3, answers.size());
        assertSame(fleet, answers.get(key(1)).orElseThrow());
        assertTrue(answers.get(key(500)).isEmpty());
    }

    @Test
    void aFullCacheStillRenewsAnAnswerItHolds() {
        PresignedAnswers answers = new PresignedAnswers(1);
        answers.offer(key(1), reply(), () -> true);
        OcspReply renewed = reply();
        answers.offer(key(1), renewed, () -> true);
        assertSame(renewed, answers.get(key(1)).orElseThrow());
    }

    @Test
    void anAnswerSignedBeforeAStatusChangeIsNotKept() {
        PresignedAnswers answers = new PresignedAnswers(10);
        answers.offer(key(1), reply(), () -> false);
        assertTrue(answers.get(key(1)).isEmpty());
    }
}
