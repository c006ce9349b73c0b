package org.pumppki.ca.store;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.pumppki.ca.domain.SchedulerJob;

@ApplicationScoped
public class JobRunRepository implements PanacheRepository<JobRun> {

    /** The job's latest runs, newest first. */
    public List<JobRun> latest(SchedulerJob job, int limit) {
        return find("job", Sort.descending("startedAt", "id"), job).page(0, limit).list();
    }

    public Page<JobRun> runs(SchedulerJob job, int page, int size) {
        var query = find("job", Sort.descending("startedAt", "id"), job);
        return new Page<>(query.page(page, size).list(), query.count(), page, size);
    }

    /** Marks runs of a replica that stopped mid-run as abandoned, so that the job can run again. */
    public int abandonStale(SchedulerJob job, Instant startedBefore, Instant now) {
        return update("outcome = 'abandoned', finishedAt = ?1, message = 'no end recorded; its replica stopped'"
                + " where job = ?2 and outcome = 'running' and startedAt < ?3", now, job, startedBefore);
    }
}
