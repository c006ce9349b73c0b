package org.pumppki.ca.store;

import jakarta.persistence.Column;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import java.time.Duration;
import java.time.Instant;

/**
 * A key of PumpPKI's own that signs on a CA's behalf (an OCSP responder, the audit checkpoint
 * signer), with its short-lived certificate from that CA.
 */
@MappedSuperclass
public abstract class DelegatedSignerRecord {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "issuer_id")
    public CertificateAuthorityRecord issuer;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "key_id")
    public CaKey key;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "certificate_id")
    public Certificate certificate;

    @Column(name = "not_after", nullable = false)
    public Instant notAfter;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /**
     * Still in the first half of its life: due for replacement after that. One not yet valid
     * (issued by a replica whose clock runs ahead) is never fresh: relying parties would refuse it.
     */
    public boolean freshAt(Instant now) {
        Instant notBefore = certificate.notBefore;
        Duration life = Duration.between(notBefore, notAfter);
        return !now.isBefore(notBefore) && now.isBefore(notBefore.plus(life.dividedBy(2)));
    }
}
