package org.pumppki.scheduler.scan;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.domain.FlagKind;
import org.pumppki.ca.domain.FlagSeverity;
import org.pumppki.ca.domain.SchedulerJob;
import org.pumppki.ca.service.flag.Flags;
import org.pumppki.ca.service.scheduler.JobResult;
import org.pumppki.ca.service.scheduler.ScheduledJob;
import org.pumppki.ca.store.CertificateAuthorityRecord;
import org.pumppki.ca.store.CertificateAuthorityRepository;
import org.pumppki.ca.store.CrlRecord;
import org.pumppki.ca.store.CrlRepository;
import org.pumppki.ca.store.Finding;

/**
 * Flags CAs whose published CRL is close to its nextUpdate (less than
 * {@code pki.scheduler.crl-freshness.warn-when-remaining} of its lifetime left, although it is
 * refreshed at half) or past it, or that have published none: relying parties that check CRLs
 * refuse every certificate of such a CA.
 */
@ApplicationScoped
public class CrlFreshnessScan implements ScheduledJob {

    private final CertificateAuthorityRepository authorities;
    private final CrlRepository crls;
    private final Flags flags;
    private final double warnWhenRemaining;

    CrlFreshnessScan(CertificateAuthorityRepository authorities, CrlRepository crls, Flags flags, PkiConfig config) {
        this.authorities = authorities;
        this.crls = crls;
        this.flags = flags;
        this.warnWhenRemaining = config.scheduler().crlFreshness().warnWhenRemaining();
    }

    @Override
    public SchedulerJob job() {
        return SchedulerJob.CRL_FRESHNESS;
    }

    @Override
    public JobResult run(Instant startedAt) {
        List<Finding> findings = new ArrayList<>();
        int examined = QuarkusTransaction.requiringNew().call(() -> {
            List<CertificateAuthorityRecord> publishing = authorities.publishing().stream()
                    .filter(ca -> ca.notAfter != null && startedAt.isBefore(ca.notAfter)).toList();
            publishing.forEach(ca -> check(ca, crls.latest(ca.id).orElse(null), startedAt, findings));
            return publishing.size();
        });
        int raised = flags.record(findings, startedAt);
        return JobResult.of(examined, raised, flags.resolveNotSeen(List.of(FlagKind.CRL_STALE), startedAt));
    }

    private void check(CertificateAuthorityRecord ca, CrlRecord latest, Instant now, List<Finding> findings) {
        String subject = Finding.authoritySubject(ca.id);
        if (latest == null) {
            findings.add(new Finding(FlagKind.CRL_STALE, FlagSeverity.CRITICAL, subject, null, null, ca.id,
                    "CA " + ca.name + " has published no CRL", Details.of().with("ca", ca.name).json(), null));
            return;
        }
        Duration lifetime = Duration.between(latest.thisUpdate, latest.nextUpdate);
        Duration left = Duration.between(now, latest.nextUpdate);
        Details details = Details.of().with("ca", ca.name).with("crlNumber", latest.crlNumber)
                .with("thisUpdate", latest.thisUpdate).with("nextUpdate", latest.nextUpdate);
        if (left.isNegative() || left.isZero()) {
            findings.add(new Finding(FlagKind.CRL_STALE, FlagSeverity.CRITICAL, subject, null, null, ca.id,
                    "The CRL of " + ca.name + " (number " + latest.crlNumber + ") expired at " + latest.nextUpdate,
                    details.json(), latest.nextUpdate));
        } else if (left.toMillis() < lifetime.toMillis() * warnWhenRemaining) {
            findings.add(new Finding(FlagKind.CRL_STALE, FlagSeverity.WARNING, subject, null, null, ca.id,
                    "The CRL of " + ca.name + " (number " + latest.crlNumber + ") was not refreshed and expires at "
                            + latest.nextUpdate, details.json(), latest.nextUpdate));
        }
    }
}
