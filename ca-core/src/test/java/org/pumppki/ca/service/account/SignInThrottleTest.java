package org.pumppki.ca.service.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.testing.MutableClock;

class SignInThrottleTest {

    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final MutableClock clock = new MutableClock(START);
    private final SignInThrottle throttle = new SignInThrottle(clock, WINDOW, 3, 5);

    @Test
    void accountIsThrottledAfterItsLimitUntilTheOldestFailureLeavesTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), throttle.waitBeforeAttempt("nurse", "10.0.0.1"));
            throttle.recordFailure("nurse", "10.0.0." + i);
            clock.advance(Duration.ofMinutes(1));
        }
        assertEquals(Optional.of(Duration.ofMinutes(12)), throttle.waitBeforeAttempt("NURSE", "10.0.0.9"));

        clock.advance(Duration.ofMinutes(12));
        assertEquals(Optional.empty(), throttle.waitBeforeAttempt("nurse", "10.0.0.9"));
    }

    @Test
    void sourceIsThrottledAcrossAccounts() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("user" + i, "192.0.2.7");
        }
        assertTrue(throttle.waitBeforeAttempt("someone-else", "192.0.2.7").isPresent());
        assertEquals(Optional.empty(), throttle.waitBeforeAttempt("someone-else", "192.0.2.8"));
    }

    @Test
    void successClearsTheAccountButNotTheSource() {
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("biomed1", "198.51.100.1");
        }
        throttle.recordSuccess("biomed1");
        assertEquals(Optional.empty(), throttle.waitBeforeAttempt("biomed1", "198.51.100.2"));
        throttle.recordFailure("x", "198.51.100.1");
        throttle.recordFailure("y", "198.51.100.1");
        assertTrue(throttle.waitBeforeAttempt("biomed1", "198.51.100.1").isPresent());
    }
}
