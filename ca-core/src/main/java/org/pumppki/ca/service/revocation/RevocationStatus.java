package org.pumppki.ca.service.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.pumppki.ca.service.authority.CertificateAuthorities;
import org.pumppki.ca.store.CertificateAuthorityRecord;
import org.pumppki.ca.store.CrlRecord;
import org.pumppki.ca.store.CrlRepository;
import org.pumppki.ca.store.OcspResponderRecord;
import org.pumppki.ca.store.OcspResponderRepository;

/**
 * Where each CA's revocation information stands: its latest published CRL and its current OCSP
 * responder certificate. Reads only: looking does not publish anything.
 */
@ApplicationScoped
public class RevocationStatus {

    /** One CA with its latest CRL and OCSP responder, either absent when none exists yet. */
    public record Authority(CertificateAuthorityRecord ca, Optional<Crl> crl, Optional<Responder> responder) {
    }

    /** A published CRL: number, validity and how many entries it lists; overdue once past nextUpdate. */
    public record Crl(long number, Instant thisUpdate, Instant nextUpdate, int entries, boolean overdue) {
    }

    /** The OCSP responder certificate in use and when it expires. */
    public record Responder(String serial, Instant notAfter) {
    }

    private final CertificateAuthorities authorities;
    private final CrlRepository crls;
    private final OcspResponderRepository responders;
    private final Clock clock;

    RevocationStatus(CertificateAuthorities authorities, CrlRepository crls, OcspResponderRepository responders, Clock clock) {
        this.authorities = authorities;
        this.crls = crls;
        this.responders = responders;
        this.clock = clock;
    }

    @Transactional
    public List<Authority> all() {
        Instant now = clock.instant();
        return authorities.list().stream().map(ca -> new Authority(ca,
                crls.latest(ca.id).map(crl -> crl(crl, now)),
                responders.current(ca.id, now).map(RevocationStatus::responder))).toList();
    }

    private static Crl crl(CrlRecord crl, Instant now) {
        return new Crl(crl.crlNumber, crl.thisUpdate, crl.nextUpdate, crl.entries, !now.isBefore(crl.nextUpdate));
    }

    private static Responder responder(OcspResponderRecord responder) {
        return new Responder(responder.certificate.serialNumber, responder.notAfter);
    }
}
