package org.pumppki.server.testing;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.pumppki.ca.crypto.AlgorithmPreset;

/**
 * A pump manufacturer's CA that issues IEEE 802.1AR device certificates (IDevIDs), for zero-touch
 * tests. It is kept as two PEM files so that the server under test and the test share it.
 */
public record ManufacturerCa(X509Certificate certificate, PrivateKey key) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static ManufacturerCa create(String organization) {
        KeyPair keyPair = AlgorithmPreset.EC_P256_SHA256.generateKeyPair(RANDOM);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, organization)
                .addRDN(BCStyle.CN, organization + " Device CA").build();
        Instant now = Instant.now();
        try {
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), subject, keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate()));
            return new ManufacturerCa(new JcaX509CertificateConverter().getCertificate(holder), keyPair.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An IDevID naming the pump by its subject serialNumber, as 802.1AR device certificates do. */
    public X509Certificate issueDeviceCertificate(String serial, KeyPair deviceKey) {
        Instant now = Instant.now();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
                        .getRDNs(BCStyle.O)[0].getFirst().getValue().toString())
                .addRDN(BCStyle.SERIALNUMBER, serial).build();
        try {
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(certificate, serial(), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), subject, deviceKey.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(Path certificateFile, Path keyFile) {
        try {
            Files.writeString(certificateFile, pem(certificate));
            Files.writeString(keyFile, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null).generate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ManufacturerCa read(Path certificateFile, Path keyFile) {
        try (PEMParser certificates = new PEMParser(new StringReader(Files.readString(certificateFile)));
                PEMParser keys = new PEMParser(new StringReader(Files.readString(keyFile)))) {
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) certificates.readObject());
            Object key = keys.readObject();
            PrivateKey privateKey = key instanceof PEMKeyPair pair ? new JcaPEMKeyConverter().getPrivateKey(pair.getPrivateKeyInfo())
                    : new JcaPEMKeyConverter().getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) key);
            return new ManufacturerCa(certificate, privateKey);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
