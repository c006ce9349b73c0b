package org.pumppki.ca.store;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The key that signs audit checkpoints and its document-signing certificate from an issuing CA. */
@Entity
@Table(name = "audit_signer")
public class AuditSignerRecord extends DelegatedSignerRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
}
