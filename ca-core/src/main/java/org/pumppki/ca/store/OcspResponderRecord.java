package org.pumppki.ca.store;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A delegated OCSP responder of an issuing CA: its key and its short-lived certificate. */
@Entity
@Table(name = "ocsp_responder")
public class OcspResponderRecord extends DelegatedSignerRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
}
