package org.pumppki.server.testing;

import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in tests: system time plus an offset a test may shift, so that time-based
 * behaviour (rotation, expiry) is exercised without waiting. Replaces the production clock bean,
 * which is a default bean. A test that shifts it puts it back in a finally block.
 *
 * <p>While it is shifted, the scheduled background work is paused: a responder rotation, a CRL
 * refresh or an HTTPS certificate renewal run at the shifted time would leave certificates and
 * CRLs dated in the future behind for the tests that follow. Jobs a test runs itself still run.
 */
@Singleton
public class ShiftableClock extends Clock {

    private final Instance<Scheduler> scheduler;
    private volatile Duration offset = Duration.ZERO;

    ShiftableClock(Instance<Scheduler> scheduler) {
        this.scheduler = scheduler;
    }

    public synchronized void shift(Duration by) {
        if (offset.isZero()) {
            scheduler.get().pause();
        }
        offset = offset.plus(by);
    }

    public synchronized void reset() {
        boolean wasShifted = !offset.isZero();
        offset = Duration.ZERO;
        if (wasShifted) {
            scheduler.get().resume();
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
