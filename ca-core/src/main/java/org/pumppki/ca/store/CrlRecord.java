package org.pumppki.ca.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A published CRL. Numbers strictly increase per CA (unique constraint and CA row lock). */
@Entity
@Immutable
@Table(name = "crl")
public class CrlRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "issuer_id")
    public CertificateAuthorityRecord issuer;

    @Column(name = "crl_number", nullable = false)
    public long crlNumber;

    @Column(name = "this_update", nullable = false)
    public Instant thisUpdate;

    @Column(name = "next_update", nullable = false)
    public Instant nextUpdate;

    @Column(nullable = false)
    public int entries;

    @Column(nullable = false)
    public byte[] der;
}
