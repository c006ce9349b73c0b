package org.pumppki.scheduler.notify;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.pumppki.ca.domain.SchedulerJob;
import org.pumppki.ca.service.flag.FlagSummary;
import org.pumppki.ca.service.scheduler.JobResult;
import org.pumppki.ca.service.scheduler.ScheduledJob;
import org.pumppki.ca.store.FlagRepository;

/**
 * The daily e-mail of open flags below critical that nobody has acknowledged yet (critical ones are
 * mailed at once). Queued for the delivery job, which sends and retries it.
 */
@ApplicationScoped
public class DigestJob implements ScheduledJob {

    /** A digest longer than this is cut; the flag list in the console has the rest. */
    private static final int MAX_FLAGS = 1000;

    private final FlagRepository flags;
    private final FlagAnnouncements announcements;

    DigestJob(FlagRepository flags, FlagAnnouncements announcements) {
        this.flags = flags;
        this.announcements = announcements;
    }

    @Override
    public SchedulerJob job() {
        return SchedulerJob.NOTIFICATION_DIGEST;
    }

    @Override
    public JobResult run(Instant startedAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<FlagSummary> open = flags.digest(MAX_FLAGS).stream().map(FlagSummary::of).toList();
            if (open.isEmpty()) {
                return new JobResult(0, 0, 0, "no open flags to report");
            }
            announcements.queueMail("digest", "[PumpPKI] Daily digest: " + open.size() + " open flags", MailText.digest(open));
            return new JobResult(open.size(), 0, 0, "digest of " + open.size() + " flags queued");
        });
    }
}
