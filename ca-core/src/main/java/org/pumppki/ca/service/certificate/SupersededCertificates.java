package org.pumppki.ca.service.certificate;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;
import org.pumppki.ca.crypto.RevocationReason;
import org.pumppki.ca.domain.CertificateStatus;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.ScheduledWork;
import org.pumppki.ca.store.Certificate;
import org.pumppki.ca.store.CertificateRepository;

/**
 * Revokes certificates that a re-enrollment replaced, as {@code superseded}, once their grace period
 * ({@code pki.est.superseded-grace-period}) is over. Each revocation is its own transaction, and a
 * certificate another replica revoked first is skipped.
 */
@ApplicationScoped
public class SupersededCertificates {

    private static final Logger LOG = Logger.getLogger(SupersededCertificates.class);
    private static final Actor EST = Actor.system("est");
    private static final int BATCH = 500;

    private final CertificateRepository certificates;
    private final CertificateRevocation revocation;
    private final Clock clock;
    private final ScheduledWork work;

    SupersededCertificates(CertificateRepository certificates, CertificateRevocation revocation, Clock clock,
            ScheduledWork work) {
        this.certificates = certificates;
        this.revocation = revocation;
        this.clock = clock;
        this.work = work;
    }

    /** Once per tick across the cluster (Quartz). */
    @Scheduled(every = "${pki.est.superseded-check:15m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void revokeDue() {
        work.run(() -> {
            int revoked = revokeDueNow();
            if (revoked > 0) {
                LOG.infof("Revoked %d certificates replaced by re-enrollment (superseded)", revoked);
            }
        });
    }

    /** Revokes the certificates whose grace period is over; returns how many. */
    public int revokeDueNow() {
        List<Long> due = QuarkusTransaction.requiringNew().call(() -> certificates.supersededDue(clock.instant(), BATCH));
        return (int) due.stream().filter(id -> QuarkusTransaction.requiringNew().call(() -> revokeIfStillValid(id))).count();
    }

    private boolean revokeIfStillValid(long id) {
        Certificate certificate = certificates.findByIdForUpdate(id);
        if (certificate == null || certificate.status == CertificateStatus.REVOKED) {
            return false;
        }
        revocation.revoke(EST, certificate, RevocationReason.SUPERSEDED);
        return true;
    }
}
