package org.pumppki.ca.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Where a CA or responder private key lives: a soft key wrapped under the master key, or a
 * reference to a key inside a PKCS#11 token. Never a usable private key.
 */
@Entity
@Table(name = "ca_key")
public class CaKey {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** {@code soft} or {@code pkcs11}. */
    @Column(nullable = false, length = 16)
    public String kind;

    @Column(nullable = false, length = 32)
    public String preset;

    @Column(nullable = false, length = 200)
    public String reference;

    @Column(name = "wrapped_key")
    public byte[] wrappedKey;

    /** SubjectPublicKeyInfo, DER. */
    @Column(name = "public_key", nullable = false)
    public byte[] publicKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
