package org.pumppki.ca.service.scheduler;

/**
 * What a run did: how many records it examined, how many flags it raised and resolved (or, for the
 * notification jobs, how many notifications it sent and gave up), and a line for people.
 */
public record JobResult(long examined, int raised, int resolved, String message) {

    public static JobResult of(long examined, int raised, int resolved) {
        return new JobResult(examined, raised, resolved, null);
    }
}
