package org.pumppki.ca.service;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jboss.logging.Logger;

/**
 * The scheduler's jobs (CRL refresh, responder rotation, OCSP lookup flush) run through here, so
 * that they end before the database goes away: once the application stops, no job starts, and
 * the stop waits for the jobs in progress. Quarkus's scheduler only stops triggering; a job it
 * already started would otherwise meet a closed EntityManagerFactory.
 */
@ApplicationScoped
public class ScheduledWork {

    /** Before every other shutdown observer, which may still rely on the jobs having ended. */
    public static final int STOP_PRIORITY = Interceptor.Priority.PLATFORM_BEFORE;
    /** Longest wait for a job in progress; a CRL or a batch of lookup counts takes milliseconds. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(ScheduledWork.class);

    /** Jobs hold the read lock while they run; stopping takes the write lock and keeps it. */
    private final ReadWriteLock running = new ReentrantReadWriteLock();
    private volatile boolean stopping;

    /** Runs {@code job} now, unless the application is stopping. */
    public void run(Runnable job) {
        if (stopping || !running.readLock().tryLock()) {
            return;
        }
        try {
            job.run();
        } finally {
            running.readLock().unlock();
        }
    }

    void stop(@Observes @Priority(STOP_PRIORITY) ShutdownEvent event) {
        stopping = true;
        try {
            if (!running.writeLock().tryLock(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("A scheduled job was still running %s after shutdown began; stopping without it", STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
