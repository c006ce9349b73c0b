package org.pumppki.ca.service.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.ScheduledWork;

/**
 * Checkpoints the audit chain every {@code pki.audit.checkpoint-interval} and once more when the
 * server stops cleanly, each time only if new events exist. Every replica runs it; the chain lock
 * and the one-checkpoint-per-head rule make the runs after the first change nothing.
 */
@ApplicationScoped
public class AuditCheckpointSchedule {

    private static final Actor SCHEDULE = Actor.system("audit-checkpoint");
    private static final Logger LOG = Logger.getLogger(AuditCheckpointSchedule.class);

    private final AuditCheckpoints checkpoints;
    private final ScheduledWork work;

    AuditCheckpointSchedule(AuditCheckpoints checkpoints, ScheduledWork work) {
        this.checkpoints = checkpoints;
        this.work = work;
    }

    @Scheduled(every = "${pki.audit.checkpoint-interval:1h}", delayed = "${pki.audit.checkpoint-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodic() {
        work.run(this::checkpoint);
    }

    /** After the scheduled jobs ended (they may have appended events), before the database goes. */
    void onStop(@Observes @Priority(ScheduledWork.STOP_PRIORITY + 20) ShutdownEvent event) {
        checkpoint();
    }

    private void checkpoint() {
        try {
            checkpoints.take(SCHEDULE);
        } catch (RuntimeException e) {
            LOG.warnf("Cannot checkpoint the audit log: %s", e.getMessage());
        }
    }
}
