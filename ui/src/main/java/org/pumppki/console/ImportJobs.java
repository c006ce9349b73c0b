package org.pumppki.console;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.device.DeviceImport;

/**
 * CSV imports started from the console, run in the background so the page can show their progress
 * and then their row-by-row report. Jobs live in this replica's memory and only the person who
 * started one can see it; the import itself is the API's ({@link DeviceImport}), audited there.
 */
@ApplicationScoped
public class ImportJobs {

    private static final Logger LOG = Logger.getLogger(ImportJobs.class);
    static final int MAX_JOBS = 100;

    /** One import: how far it has come and, once done, its report or why it was refused. */
    public static final class Job {
        private final UUID id;
        private final String owner;
        private final String fileName;
        private final Instant startedAt;
        private volatile int done;
        private volatile int total;
        private volatile DeviceImport.Report report;
        private volatile String failure;

        Job(UUID id, String owner, String fileName, Instant startedAt) {
            this.id = id;
            this.owner = owner;
            this.fileName = fileName;
            this.startedAt = startedAt;
        }

        public UUID getId() {
            return id;
        }

        public String getFileName() {
            return fileName;
        }

        public Instant getStartedAt() {
            return startedAt;
        }

        public int getPercent() {
            if (isFinished()) {
                return 100;
            }
            return total == 0 ? 0 : (int) (100L * done / total);
        }

        public boolean isFinished() {
            return report != null || failure != null;
        }

        public DeviceImport.Report getReport() {
            return report;
        }

        public String getFailure() {
            return failure;
        }
    }

    private final DeviceImport deviceImport;
    private final ExecutorService executor;
    private final Clock clock;
    private final Map<UUID, Job> jobs = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Job> eldest) {
            return size() > MAX_JOBS;
        }
    };

    ImportJobs(DeviceImport deviceImport, ExecutorService executor, Clock clock) {
        this.deviceImport = deviceImport;
        this.executor = executor;
        this.clock = clock;
    }

    /** Starts importing {@code csv} for {@code actor}; the job can be looked at at once. */
    public Job start(Actor actor, String fileName, String csv, DeviceImport.Mode mode) {
        Job job = new Job(UUID.randomUUID(), actor.name(), fileName, clock.instant());
        synchronized (jobs) {
            jobs.put(job.id, job);
        }
        executor.execute(() -> run(job, actor, csv, mode));
        return job;
    }

    /** The job, if it exists and {@code username} started it. */
    public Optional<Job> find(UUID id, String username) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id)).filter(job -> job.owner.equals(username));
        }
    }

    private void run(Job job, Actor actor, String csv, DeviceImport.Mode mode) {
        try {
            job.report = deviceImport.importCsv(actor, new StringReader(csv), mode, (done, total) -> {
                job.total = total;
                job.done = done;
            });
        } catch (DeviceImport.RejectedImportException e) {
            job.report = e.report();
        } catch (PkiException e) {
            job.failure = e.getMessage();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Device import %s failed", job.id);
            // A partial import commits chunk by chunk: the rows before the failure may be registered.
            String stored = mode == DeviceImport.Mode.PARTIAL ? "rows before the failure may have been imported"
                    : "nothing was imported";
            job.failure = "The import failed; " + stored + ". The server log has the details (import " + job.id + ").";
        }
    }
}
