package org.pumppki.ca.service.certificate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.Fingerprint;
import org.pumppki.ca.crypto.IssuanceRequest;
import org.pumppki.ca.crypto.IssuingCa;
import org.pumppki.ca.crypto.KeyPolicy;
import org.pumppki.ca.crypto.RequestedNames;
import org.pumppki.ca.crypto.SerialNumberGenerator;
import org.pumppki.ca.crypto.StandardProfile;
import org.pumppki.ca.crypto.TrustedIdentity;
import org.pumppki.ca.keys.KeyStoreKind;
import org.pumppki.ca.service.authority.CaKeys;
import org.pumppki.ca.service.authority.CertificateAuthorities;
import org.pumppki.ca.store.Certificate;
import org.pumppki.ca.store.CertificateAuthorityRecord;
import org.pumppki.ca.store.CertificateRepository;
import org.pumppki.ca.store.DelegatedSignerRecord;

/**
 * Issues the keys that sign on a CA's behalf (OCSP responders, the audit checkpoint signer): a new
 * soft key of the CA's algorithm and a certificate of the signer's profile from that CA, recorded
 * like every certificate. The CA's own key thus signs only certificates and CRLs.
 */
@ApplicationScoped
public class DelegatedSigners {

    private final CertificateAuthorities authorities;
    private final CertificateRepository certificates;
    private final CertificateProfiles profiles;
    private final CaKeys keys;
    private final Clock clock;
    private final Event<CertificateChanged> changes;
    private final SerialNumberGenerator serials = new SerialNumberGenerator(new SecureRandom());

    DelegatedSigners(CertificateAuthorities authorities, CertificateRepository certificates, CertificateProfiles profiles,
            CaKeys keys, Clock clock, Event<CertificateChanged> changes) {
        this.authorities = authorities;
        this.certificates = certificates;
        this.profiles = profiles;
        this.keys = keys;
        this.clock = clock;
        this.changes = changes;
    }

    /**
     * Fills {@code signer} with a new key and certificate of {@code ca}; the caller persists and
     * audits it.
     *
     * @param issuer what the certificate is issued under (with or without publication URLs)
     * @param keyLabel label of the new key in the key store
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T extends DelegatedSignerRecord> T issue(T signer, CertificateAuthorityRecord ca, IssuingCa issuer,
            StandardProfile profile, String keyLabel, String commonName) {
        return issue(signer, ca, issuer, profile, AlgorithmPreset.valueOf(ca.key.preset), keyLabel, commonName);
    }

    /** As {@link #issue(DelegatedSignerRecord, CertificateAuthorityRecord, IssuingCa, StandardProfile, String, String)}, with a key of {@code preset}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T extends DelegatedSignerRecord> T issue(T signer, CertificateAuthorityRecord ca, IssuingCa issuer,
            StandardProfile profile, AlgorithmPreset preset, String keyLabel, String commonName) {
        Instant now = clock.instant();
        var key = keys.generate(KeyStoreKind.SOFT, preset, keyLabel);
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(key.publicKey);
        IssuanceRequest request = new IssuanceRequest(KeyPolicy.DEFAULT.check(publicKey), RequestedNames.none(),
                TrustedIdentity.builder().commonName(commonName).build(), issuer, now, serials.next());
        X509CertificateHolder certificate = profiles.get(profile).issue(request, authorities.signer(ca));
        Certificate record = CertificateRecords.of(certificate, ca, null, profile, Fingerprint.sha256(publicKey), now,
                null);
        certificates.persist(record);
        changes.fire(new CertificateChanged(CertificateChanged.Change.ISSUED, ca.id, record.serialNumber, record.status,
                null, null, record.notAfter));
        signer.issuer = ca;
        signer.key = key;
        signer.certificate = record;
        signer.notAfter = record.notAfter;
        signer.createdAt = now;
        return signer;
    }
}
