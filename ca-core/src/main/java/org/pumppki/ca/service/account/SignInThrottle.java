package org.pumppki.ca.service.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.pumppki.ca.config.PkiConfig;

/**
 * Slows down password (and enrollment code) guessing without letting anyone lock the real owner
 * out. Failures are counted over a sliding window in three ways:
 * <ul>
 * <li><b>per source</b> address, over all accounts: a source past its limit waits, whoever it
 * names; an attacker throttles only himself;</li>
 * <li><b>per account and source</b>: the pair past the account limit waits, even with the right
 * password; the same account from another address is not affected;</li>
 * <li><b>per account</b>, over all sources: past {@value #ACCOUNT_WIDE_FACTOR} times the account
 * limit the account is under a distributed attack, and every source that has already failed for it
 * waits. A source with no failure for the account, the real owner's, still gets through.</li>
 * </ul>
 * An attempt is checked and counted in one step ({@link #attempt}) as if it failed, and withdrawn
 * by {@link #succeeded}: parallel guesses cannot all pass a check made before any of them counted.
 * The caller reports every counted attempt {@link #settled} once its outcome is known. An attempt
 * that would pass the limit only because attempts still in progress count waits for them (at most
 * {@link #SETTLE_WAIT}) rather than being refused: a client that sends parallel requests with the
 * right password is not throttled for failures that never happened, and parallel guesses still
 * wait until the ones ahead of them have failed.
 * Memory is bounded: each table keeps its {@value #MAX_TRACKED_KEYS} most recently used keys.
 * Throttled attempts are reported for auditing in aggregate, at most one report per account and
 * source every {@link #REPORT_INTERVAL}. Counts live in this replica's memory: an attacker spread
 * across replicas gets at most one allowance per replica.
 */
@ApplicationScoped
public class SignInThrottle {

    static final int MAX_TRACKED_KEYS = 50_000;
    static final int ACCOUNT_WIDE_FACTOR = 4;
    static final Duration REPORT_INTERVAL = Duration.ofMinutes(1);
    static final Duration SETTLE_WAIT = Duration.ofSeconds(10);
    private static final String SOURCE = "source\n";
    private static final String ACCOUNT = "account\n";
    private static final String PAIR = "pair\n";

    /** The outcome of {@link #attempt}: go ahead, or wait; {@code throttledToReport} attempts to audit now (0 = none). */
    public record Decision(Optional<Duration> retryAfter, int throttledToReport) {

        public boolean allowed() {
            return retryAfter.isEmpty();
        }
    }

    private final Clock clock;
    private final Duration window;
    private final int maxPerAccount;
    private final int maxPerSource;
    private final Map<String, Deque<Instant>> bySource = lru();
    private final Map<String, Deque<Instant>> byAccount = lru();
    private final Map<String, Deque<Instant>> byPair = lru();
    private final Map<String, ThrottledReport> reports = lru();
    /** Counted attempts not yet settled, per source, account and pair key. */
    private final Map<String, Integer> inProgress = new HashMap<>();

    /** Throttled attempts of one pair not yet reported, and when the last report was made. */
    private static final class ThrottledReport {
        int pending;
        Instant lastReported;
    }

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

    /**
     * Decides whether the attempt may go ahead and, if so, counts it as a failure until
     * {@link #succeeded} withdraws it.
     */
    public Decision attempt(String account, String source) {
        String user = UserAccounts.normalize(account);
        String pair = user + "\n" + source;
        long deadline = System.nanoTime() + SETTLE_WAIT.toNanos();
        synchronized (this) {
            while (true) {
                Instant now = clock.instant();
                Optional<Duration> wait = waitFor(user, source, pair, now, false);
                if (wait.isEmpty()) {
                    break;
                }
                long remaining = deadline - System.nanoTime();
                boolean onlyInProgress = waitFor(user, source, pair, now, true).isEmpty();
                if (!onlyInProgress || remaining <= 0) {
                    return new Decision(wait, throttled(pair, now));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Decision(wait, throttled(pair, now));
                }
            }
            Instant now = clock.instant();
            count(bySource, source, maxPerSource, now);
            count(byAccount, user, maxPerAccount * ACCOUNT_WIDE_FACTOR, now);
            count(byPair, pair, maxPerAccount, now);
            inProgress.merge(SOURCE + source, 1, Integer::sum);
            inProgress.merge(ACCOUNT + user, 1, Integer::sum);
            inProgress.merge(PAIR + pair, 1, Integer::sum);
            return new Decision(Optional.empty(), 0);
        }
    }

    /**
     * The outcome of an allowed attempt is known (call it in a {@code finally}): whatever
     * {@link #succeeded} did not withdraw stays counted as a failure.
     */
    public void settled(String account, String source) {
        String user = UserAccounts.normalize(account);
        synchronized (this) {
            release(SOURCE + source);
            release(ACCOUNT + user);
            release(PAIR + user + "\n" + source);
            notifyAll();
        }
    }

    /**
     * How long the attempt must wait: counting every counted attempt, as the limit does, or
     * ({@code settledOnly}) only those whose outcome is known.
     */
    private Optional<Duration> waitFor(String user, String source, String pair, Instant now, boolean settledOnly) {
        return longest(
                waitFor(bySource.get(source), maxPerSource, settledOnly ? inProgress(SOURCE + source) : 0, now),
                waitFor(byPair.get(pair), maxPerAccount, settledOnly ? inProgress(PAIR + pair) : 0, now),
                byPair.containsKey(pair) && !byPair.get(pair).isEmpty()
                        ? waitFor(byAccount.get(user), maxPerAccount * ACCOUNT_WIDE_FACTOR,
                                settledOnly ? inProgress(ACCOUNT + user) : 0, now)
                        : Optional.empty());
    }

    private int inProgress(String key) {
        return inProgress.getOrDefault(key, 0);
    }

    private void release(String key) {
        inProgress.computeIfPresent(key, (k, count) -> count > 1 ? count - 1 : null);
    }

    /** The attempt was right: it is withdrawn from the counts, and the pair starts afresh. */
    public void succeeded(String account, String source) {
        String user = UserAccounts.normalize(account);
        synchronized (this) {
            withdraw(bySource.get(source));
            withdraw(byAccount.get(user));
            byPair.remove(user + "\n" + source);
        }
    }

    private int throttled(String pair, Instant now) {
        ThrottledReport report = reports.computeIfAbsent(pair, k -> new ThrottledReport());
        report.pending++;
        if (report.lastReported != null && now.isBefore(report.lastReported.plus(REPORT_INTERVAL))) {
            return 0;
        }
        int pending = report.pending;
        report.pending = 0;
        report.lastReported = now;
        return pending;
    }

    private Optional<Duration> waitFor(Deque<Instant> failures, int max, int inProgress, Instant now) {
        if (failures == null) {
            return Optional.empty();
        }
        prune(failures, now);
        if (failures.size() - inProgress < max) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, failures.peekFirst().plus(window)));
    }

    /** Only the newest {@code max} failures can decide a wait; older ones are dropped. */
    private void count(Map<String, Deque<Instant>> table, String key, int max, Instant now) {
        Deque<Instant> failures = table.computeIfAbsent(key, k -> new ArrayDeque<>());
        prune(failures, now);
        failures.addLast(now);
        while (failures.size() > max) {
            failures.removeFirst();
        }
    }

    private static void withdraw(Deque<Instant> failures) {
        if (failures != null && !failures.isEmpty()) {
            failures.removeLast();
        }
    }

    private void prune(Deque<Instant> failures, Instant now) {
        Instant cutoff = now.minus(window);
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(cutoff)) {
            failures.removeFirst();
        }
    }

    @SafeVarargs
    private static Optional<Duration> longest(Optional<Duration>... waits) {
        Optional<Duration> longest = Optional.empty();
        for (Optional<Duration> wait : waits) {
            if (wait.isPresent() && (longest.isEmpty() || wait.get().compareTo(longest.get()) > 0)) {
                longest = wait;
            }
        }
        return longest;
    }

    /** The size of the largest table, for tests of the memory bound. */
    synchronized int trackedKeys() {
        return Math.max(Math.max(bySource.size(), byAccount.size()), Math.max(byPair.size(), reports.size()));
    }

    /** Least recently used keys go first: the ones under attack are the ones being used. */
    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_TRACKED_KEYS;
            }
        };
    }
}
