package org.pumppki.ca.service.revocation;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CRLHolder;
import org.jboss.logging.Logger;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.crypto.CrlCreator;
import org.pumppki.ca.crypto.Der;
import org.pumppki.ca.crypto.RevocationReason;
import org.pumppki.ca.crypto.RevokedEntry;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.ScheduledWork;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;
import org.pumppki.ca.service.authority.CertificateAuthorities;
import org.pumppki.ca.service.certificate.CertificateChanged;
import org.pumppki.ca.store.Certificate;
import org.pumppki.ca.store.CertificateAuthorityRecord;
import org.pumppki.ca.store.CertificateAuthorityRepository;
import org.pumppki.ca.store.CertificateRepository;
import org.pumppki.ca.store.CrlRecord;
import org.pumppki.ca.store.CrlRepository;

/**
 * Publishes the CRL of each CA we hold the key of: an issuing CA's lists the certificates it
 * issued, a root's the issuing CAs it revoked (and its OCSP responders). A status change marks the CA's CRL stale in the same
 * transaction; the next fetch or the periodic refresh publishes a new one, so that a burst of
 * revocations costs one CRL. The CA row lock makes CRL numbers strictly increase across replicas, and
 * {@link CrlNumbers} keeps them increasing across a restore from backup.
 */
@ApplicationScoped
public class CrlPublisher {

    private static final Logger LOG = Logger.getLogger(CrlPublisher.class);
    private static final Actor PUBLISHER = Actor.system("crl-publisher");

    private final CertificateAuthorityRepository authorities;
    private final CertificateAuthorities authorityService;
    private final CertificateRepository certificates;
    private final CrlRepository crls;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Duration validity;
    private final ScheduledWork work;
    private final Event<CrlServed> served;

    CrlPublisher(CertificateAuthorityRepository authorities, CertificateAuthorities authorityService,
            CertificateRepository certificates, CrlRepository crls, AuditLog auditLog, Clock clock, PkiConfig config,
            ScheduledWork work, Event<CrlServed> served) {
        this.authorities = authorities;
        this.authorityService = authorityService;
        this.certificates = certificates;
        this.crls = crls;
        this.auditLog = auditLog;
        this.clock = clock;
        this.validity = config.crl().validity();
        this.work = work;
        this.served = served;
    }

    /** The CRL to serve for the named CA: the latest, or a new one if it is stale or half its life is gone. */
    @Transactional
    public CrlRecord current(String caName) {
        CertificateAuthorityRecord ca = authorityService.byName(caName);
        CrlRecord crl = crls.latest(ca.id).filter(latest -> !needsRefresh(ca, latest)).orElseGet(() -> publish(ca.id));
        served.fire(new CrlServed(ca.name, crl.crlNumber, crl.nextUpdate));
        return crl;
    }

    /** Publishes a new CRL unless another replica did so while this one waited for the lock. */
    @Transactional
    public CrlRecord publish(long caId) {
        CertificateAuthorityRecord ca = authorities.lock(caId);
        var latest = crls.latest(ca.id);
        if (latest.isPresent() && !needsRefresh(ca, latest.get())) {
            return latest.get();
        }
        Instant thisUpdate = clock.instant();
        Instant nextUpdate = thisUpdate.plus(validity);
        // An entry stays until one regular CRL after the certificate expired.
        Instant expiredBefore = thisUpdate.minus(validity);
        List<RevokedEntry> entries = new ArrayList<>();
        certificates.crlEntries(ca.id, expiredBefore).forEach(certificate -> entries.add(entry(certificate)));
        authorities.revokedChildren(ca.id).stream().filter(child -> child.notAfter.isAfter(expiredBefore))
                .forEach(child -> entries.add(entry(child)));
        long number = CrlNumbers.next(ca.lastCrlNumber, thisUpdate);
        X509CRLHolder crl = CrlCreator.create(Der.certificate(ca.certificate), authorityService.signer(ca),
                BigInteger.valueOf(number), thisUpdate, nextUpdate, entries);
        CrlRecord record = new CrlRecord();
        record.issuer = ca;
        record.crlNumber = number;
        record.thisUpdate = thisUpdate;
        record.nextUpdate = nextUpdate;
        record.entries = entries.size();
        record.der = encoded(crl);
        crls.persist(record);
        ca.lastCrlNumber = number;
        ca.crlStale = false;
        auditLog.record(PUBLISHER, AuditAction.CRL_PUBLISHED, ca.name,
                Map.of("crlNumber", number, "entries", entries.size(), "nextUpdate", nextUpdate.toString()));
        return record;
    }

    /** Keeps every publishing CA's CRL fresh even when nobody fetches it; once per tick across the cluster (Quartz). */
    @Scheduled(every = "${pki.crl.refresh-check:1m}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        work.run(this::refreshAll);
    }

    private void refreshAll() {
        List<CertificateAuthorityRecord> cas;
        try {
            cas = publishingCas();
        } catch (RuntimeException e) {
            LOG.warnf("Cannot refresh the CRLs: %s", e.getMessage());
            return;
        }
        for (CertificateAuthorityRecord ca : cas) {
            try {
                current(ca.name);
            } catch (RuntimeException e) {
                LOG.warnf("Cannot refresh the CRL of %s: %s", ca.name, e.getMessage());
            }
        }
    }

    /** Marks the issuer's CRL stale in the transaction that changed a certificate's status. */
    void onStatusChange(@Observes(during = TransactionPhase.IN_PROGRESS) CertificateChanged change) {
        if (change.change().affectsCrl()) {
            authorities.markCrlStale(change.issuerId());
        }
    }

    @Transactional
    List<CertificateAuthorityRecord> publishingCas() {
        Instant now = clock.instant();
        return authorities.publishing().stream().filter(ca -> now.isBefore(ca.notAfter)).toList();
    }

    private boolean needsRefresh(CertificateAuthorityRecord ca, CrlRecord latest) {
        Instant now = clock.instant();
        Instant halfLife = latest.thisUpdate.plus(Duration.between(latest.thisUpdate, latest.nextUpdate).dividedBy(2));
        return ca.crlStale || !now.isBefore(halfLife);
    }

    private static RevokedEntry entry(Certificate certificate) {
        return new RevokedEntry(new BigInteger(certificate.serialNumber, 16), certificate.revokedAt,
                RevocationReason.fromApiName(certificate.revocationReason));
    }

    private static RevokedEntry entry(CertificateAuthorityRecord child) {
        return new RevokedEntry(Der.certificate(child.certificate).getSerialNumber(), child.revokedAt,
                RevocationReason.fromApiName(child.revocationReason));
    }

    private static byte[] encoded(X509CRLHolder crl) {
        try {
            return crl.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
