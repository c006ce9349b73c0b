package org.pumppki.ca.service.certificate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.pumppki.ca.crypto.AcceptedKey;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.KeyPolicy;
import org.pumppki.ca.crypto.Pkcs12Export;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;

/**
 * The one path by which a private key leaves PumpPKI: for devices that cannot make their own key,
 * generate one, certify it and hand both out as a passphrase-protected PKCS#12. The private key is
 * never stored, and every export is audited.
 */
@ApplicationScoped
public class ServerKeyGeneration {

    /** Shortest passphrase accepted for a PKCS#12 that carries a device's private key. */
    public static final int MIN_PASSPHRASE_LENGTH = 12;

    /** The certificate record and the PKCS#12 (DER) holding its key and chain. */
    public record KeyAndCertificate(IssuedCertificate issued, byte[] pkcs12) {
    }

    /**
     * A generated key as unencrypted PKCS#8 (DER) with its certificate, for EST {@code serverkeygen}
     * (RFC 7030 §4.4.2), where the TLS session that carries the answer protects the key.
     */
    public record KeyOverTls(IssuedCertificate issued, byte[] pkcs8) {
    }

    private final CertificateIssuance issuance;
    private final AuditLog auditLog;
    private final SecureRandom random = new SecureRandom();

    ServerKeyGeneration(CertificateIssuance issuance, AuditLog auditLog) {
        this.issuance = issuance;
        this.auditLog = auditLog;
    }

    @Transactional
    public KeyAndCertificate generate(Actor actor, UUID deviceId, Optional<String> profile, AlgorithmPreset preset,
            char[] passphrase) {
        if (passphrase == null || passphrase.length < MIN_PASSPHRASE_LENGTH) {
            throw PkiException.policy("weak-passphrase",
                    "The PKCS#12 passphrase must have at least " + MIN_PASSPHRASE_LENGTH + " characters.");
        }
        KeyPair keyPair = preset.generateKeyPair(random);
        AcceptedKey key = KeyPolicy.DEFAULT.check(SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded()));
        IssuedCertificate issued = issuance.issueForKey(actor, deviceId, key, profile);
        List<X509CertificateHolder> chain = new java.util.ArrayList<>();
        chain.add(issued.certificate());
        chain.addAll(issued.chain());
        byte[] pkcs12 = Pkcs12Export.export(keyPair.getPrivate(), chain, passphrase, issued.record().subjectDn, random);
        Arrays.fill(passphrase, '\0');
        auditLog.record(actor, AuditAction.PRIVATE_KEY_EXPORTED, issued.record().serialNumber,
                Map.of("preset", preset.name(), "format", "PKCS#12"));
        return new KeyAndCertificate(issued, pkcs12);
    }

    /** Generates a key for the device, certifies it under the named CA (empty = default) and hands it out over TLS. */
    @Transactional
    public KeyOverTls generateOverTls(Actor actor, UUID deviceId, Optional<String> profile, Optional<String> caName,
            AlgorithmPreset preset) {
        KeyPair keyPair = preset.generateKeyPair(random);
        AcceptedKey key = KeyPolicy.DEFAULT.check(SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded()));
        IssuedCertificate issued = issuance.issueForKey(actor, deviceId, key, profile, caName);
        auditLog.record(actor, AuditAction.PRIVATE_KEY_EXPORTED, issued.record().serialNumber,
                Map.of("preset", preset.name(), "format", "PKCS#8 over EST"));
        return new KeyOverTls(issued, keyPair.getPrivate().getEncoded());
    }
}
