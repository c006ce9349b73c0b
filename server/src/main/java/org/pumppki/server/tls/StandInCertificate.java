package org.pumppki.server.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.Pem;

/**
 * A short-lived self-signed certificate for the HTTPS listener while no issuing CA exists yet
 * ({@code pki.ca.bootstrap=external-root} or {@code none}): the admin API that imports the CA is
 * itself served over HTTPS. It lives in memory only and is replaced once a CA can issue.
 */
final class StandInCertificate {

    private static final Duration VALIDITY = Duration.ofDays(30);

    private StandInCertificate() {
    }

    static TlsMaterial create(List<GeneralName> names, Instant now, SecureRandom random) {
        KeyPair keyPair = AlgorithmPreset.EC_P256_SHA256.generateKeyPair(random);
        X500Name subject = new X500Name("CN=PumpPKI (no issuing CA yet)");
        try {
            X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, random).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, keyPair.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate()));
            return new TlsMaterial(Pems.privateKey(keyPair.getPrivate()), Pem.certificate(certificate));
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("Cannot create the stand-in HTTPS certificate", e);
        }
    }

    static boolean isStandIn(TlsMaterial material) {
        X509CertificateHolder leaf = Pem.readCertificates(material.chainPem()).get(0);
        return leaf.getSubject().equals(leaf.getIssuer());
    }
}
