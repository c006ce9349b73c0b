package org.pumppki.ca.service.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.testing.MutableClock;

class SignInThrottleTest {

    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final MutableClock clock = new MutableClock(START);
    private final SignInThrottle throttle = new SignInThrottle(clock, WINDOW, 3, 5);

    /** An attempt that turns out wrong: it stays counted. */
    private SignInThrottle.Decision fail(String account, String source) {
        SignInThrottle.Decision decision = throttle.attempt(account, source);
        if (decision.allowed()) {
            throttle.settled(account, source);
        }
        return decision;
    }

    /** An attempt with the right password. */
    private SignInThrottle.Decision succeed(String account, String source) {
        SignInThrottle.Decision decision = throttle.attempt(account, source);
        if (decision.allowed()) {
            throttle.succeeded(account, source);
            throttle.settled(account, source);
        }
        return decision;
    }

    @Test
    void aPairIsThrottledAfterTheAccountLimitUntilItsOldestFailureLeavesTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertTrue(fail("nurse", "10.0.0.1").allowed());
            clock.advance(Duration.ofMinutes(1));
        }
        assertEquals(Optional.of(Duration.ofMinutes(12)), throttle.attempt("NURSE", "10.0.0.1").retryAfter());

        clock.advance(Duration.ofMinutes(12));
        assertTrue(throttle.attempt("nurse", "10.0.0.1").allowed());
    }

    @Test
    void theOwnerFromAnAddressThatHasNotFailedIsNeverLockedOut() {
        for (int source = 0; source < 40; source++) {
            for (int i = 0; i < 3; i++) {
                fail("admin", "203.0.113." + source);
            }
        }
        assertTrue(succeed("admin", "10.1.1.1").allowed());
        assertTrue(succeed("admin", "10.1.1.1").allowed());
    }

    @Test
    void underADistributedAttackEverySourceThatFailedForTheAccountWaits() {
        // Each source stays under the pair limit, but together they pass the account-wide limit.
        for (int source = 0; source < 6; source++) {
            fail("admin", "198.51.100." + source);
            fail("admin", "198.51.100." + source);
        }
        assertFalse(throttle.attempt("admin", "198.51.100.0").allowed());
        assertTrue(throttle.attempt("admin", "192.0.2.200").allowed(), "a source with no failure for the account");
        assertTrue(throttle.attempt("someone-else", "198.51.100.0").allowed(), "another account from the same source");
    }

    @Test
    void aSourceIsThrottledAcrossAccounts() {
        for (int i = 0; i < 5; i++) {
            fail("user" + i, "192.0.2.7");
        }
        assertFalse(throttle.attempt("someone-else", "192.0.2.7").allowed());
        assertTrue(throttle.attempt("someone-else", "192.0.2.8").allowed());
    }

    @Test
    void aSuccessIsWithdrawnAndStartsThePairAfresh() {
        fail("biomed1", "198.51.100.1");
        fail("biomed1", "198.51.100.1");
        assertTrue(succeed("biomed1", "198.51.100.1").allowed());

        for (int i = 0; i < 3; i++) {
            assertTrue(fail("biomed1", "198.51.100.1").allowed(), "attempt " + i);
        }
        assertFalse(throttle.attempt("biomed1", "198.51.100.1").allowed());
    }

    @Test
    void parallelGuessesCannotAllPassACheckMadeBeforeAnyOfThemCounted() throws Exception {
        assertEquals(3, allowedInParallel(() -> fail("admin", "192.0.2.66").allowed()));
    }

    @Test
    void parallelSignInsWithTheRightPasswordAreNeverThrottled() throws Exception {
        assertEquals(64, allowedInParallel(() -> succeed("admin", "192.0.2.67").allowed()),
                "more requests in flight than the limit of failures");
    }

    /** Runs 64 attempts, 16 at a time, all released at once; returns how many were allowed. */
    private static int allowedInParallel(Callable<Boolean> attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return attempt.call();
                }));
            }
            start.countDown();
            int allowed = 0;
            for (Future<Boolean> outcome : outcomes) {
                allowed += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            return allowed;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void memoryIsBoundedAndAFloodOfNewSourcesKeepsTheThrottlesInUse() {
        for (int i = 0; i < 5; i++) {
            fail("user" + i, "192.0.2.99");
        }
        for (int i = 0; i < SignInThrottle.MAX_TRACKED_KEYS + 1_000; i++) {
            if (i % 1_000 == 0) {
                assertFalse(throttle.attempt("x", "192.0.2.99").allowed(), "the attacker keeps knocking");
            }
            fail("flood", "fd00::" + Integer.toHexString(i));
        }
        assertFalse(throttle.attempt("x", "192.0.2.99").allowed());
        assertTrue(throttle.trackedKeys() <= SignInThrottle.MAX_TRACKED_KEYS);
    }

    @Test
    void throttledAttemptsAreReportedInAggregate() {
        for (int i = 0; i < 3; i++) {
            fail("nurse", "10.0.0.5");
        }
        assertEquals(1, throttle.attempt("nurse", "10.0.0.5").throttledToReport(), "the first is reported at once");
        for (int i = 0; i < 9; i++) {
            assertEquals(0, throttle.attempt("nurse", "10.0.0.5").throttledToReport());
            clock.advance(Duration.ofSeconds(5));
        }
        clock.advance(SignInThrottle.REPORT_INTERVAL);
        assertEquals(10, throttle.attempt("nurse", "10.0.0.5").throttledToReport(), "the nine held back and this one");
    }
}
