package org.pumppki.ca.service.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pumppki.ca.config.PkiConfig;

/**
 * Counts failed sign-ins per account and per source address over a sliding window and tells when
 * further attempts must wait. Counts live in this replica's memory: an attacker spread across
 * replicas gets at most one window's allowance per replica.
 */
@ApplicationScoped
public class SignInThrottle {

    private static final int MAX_TRACKED_KEYS = 100_000;

    private final Map<String, Deque<Instant>> failuresByAccount = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> failuresBySource = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration window;
    private final int maxPerAccount;
    private final int maxPerSource;

    @Inject
    SignInThrottle(Clock clock, PkiConfig config) {
        this(clock, config.security().signIn().window(), config.security().signIn().maxFailuresPerAccount(),
                config.security().signIn().maxFailuresPerSource());
    }

    public SignInThrottle(Clock clock, Duration window, int maxPerAccount, int maxPerSource) {
        this.clock = clock;
        this.window = window;
        this.maxPerAccount = maxPerAccount;
        this.maxPerSource = maxPerSource;
    }

    /** How long the caller must wait before trying again, if it must. */
    public Optional<Duration> waitBeforeAttempt(String username, String source) {
        Instant now = clock.instant();
        Optional<Duration> byAccount = waitFor(failuresByAccount, UserAccounts.normalize(username), maxPerAccount, now);
        Optional<Duration> bySource = waitFor(failuresBySource, source, maxPerSource, now);
        if (byAccount.isPresent() && bySource.isPresent()) {
            return Optional.of(byAccount.get().compareTo(bySource.get()) >= 0 ? byAccount.get() : bySource.get());
        }
        return byAccount.isPresent() ? byAccount : bySource;
    }

    public void recordFailure(String username, String source) {
        Instant now = clock.instant();
        record(failuresByAccount, UserAccounts.normalize(username), now);
        record(failuresBySource, source, now);
    }

    /** A successful sign-in clears the account's count; the source keeps its history. */
    public void recordSuccess(String username) {
        failuresByAccount.remove(UserAccounts.normalize(username));
    }

    private Optional<Duration> waitFor(Map<String, Deque<Instant>> failures, String key, int max, Instant now) {
        Deque<Instant> attempts = failures.get(key);
        if (attempts == null) {
            return Optional.empty();
        }
        synchronized (attempts) {
            prune(attempts, now);
            if (attempts.size() < max) {
                return Optional.empty();
            }
            Instant oldestCounted = attempts.peekFirst();
            return Optional.of(Duration.between(now, oldestCounted.plus(window)));
        }
    }

    private void record(Map<String, Deque<Instant>> failures, String key, Instant now) {
        if (failures.size() >= MAX_TRACKED_KEYS) {
            failures.clear();
        }
        Deque<Instant> attempts = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (attempts) {
            prune(attempts, now);
            attempts.addLast(now);
        }
    }

    private void prune(Deque<Instant> attempts, Instant now) {
        Instant cutoff = now.minus(window);
        while (!attempts.isEmpty() && !attempts.peekFirst().isAfter(cutoff)) {
            attempts.removeFirst();
        }
    }
}
