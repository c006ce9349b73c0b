package org.pumppki.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumppki.ca.crypto.PumpProfileTest.assertViolation;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pumppki.ca.testing.IssuedCertificate;
import org.pumppki.ca.testing.TestKeys;
import org.pumppki.ca.testing.TestPki;

class CaCertificatesTest {

    private static final Instant NOW = TestPki.NOW;
    private static final X500Name ISSUING_NAME = new X500Name("CN=Pump Issuing CA, O=Test Hospital");

    @ParameterizedTest
    @EnumSource(AlgorithmPreset.class)
    void buildsASelfSignedRootWithEveryPreset(AlgorithmPreset preset) {
        KeyPair key = TestKeys.of(preset, "root");

        IssuedCertificate root = IssuedCertificate.of(CaCertificateFactory.selfSignedRoot(
                spec("CN=Root", Duration.ofDays(3650), OptionalInt.of(1)), TestPki.spki(key), preset.contentSigner(key.getPrivate())));

        assertEquals(root.holder().getIssuer(), root.holder().getSubject());
        assertTrue(SignatureCheck.verifies(root.holder(), TestPki.spki(key)));
        assertTrue(root.basicConstraints().isCA());
        assertEquals(BigInteger.ONE, root.basicConstraints().getPathLenConstraint());
        assertTrue(root.extension(Extension.basicConstraints).isCritical());
        assertEquals(new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign), root.keyUsage());
        assertTrue(root.extension(Extension.keyUsage).isCritical());
        assertArrayEquals(KeyIdentifiers.subjectKeyIdentifier(TestPki.spki(key)).getKeyIdentifier(), root.subjectKeyIdentifier());
        assertEquals(NOW, root.notBefore());
        assertEquals(NOW.plus(Duration.ofDays(3650)), root.notAfter());
    }

    @Test
    void aRootWithoutPathLengthHasNoConstraint() {
        KeyPair key = TestKeys.of(AlgorithmPreset.EC_P256_SHA256, "root");

        IssuedCertificate root = IssuedCertificate.of(CaCertificateFactory.selfSignedRoot(
                spec("CN=Root", Duration.ofDays(3650), OptionalInt.empty()), TestPki.spki(key),
                AlgorithmPreset.EC_P256_SHA256.contentSigner(key.getPrivate())));

        assertTrue(root.basicConstraints().isCA());
        assertNull(root.basicConstraints().getPathLenConstraint());
    }

    @ParameterizedTest
    @EnumSource(AlgorithmPreset.class)
    void issuesAnIssuingCaUnderTheRoot(AlgorithmPreset preset) throws Exception {
        TestPki pki = TestPki.create(preset);

        IssuedCertificate issuing = IssuedCertificate.of(pki.issuingCertificate());

        assertEquals(BigInteger.ZERO, issuing.basicConstraints().getPathLenConstraint());
        assertEquals(new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign), issuing.keyUsage());
        assertArrayEquals(IssuedCertificate.of(pki.rootCertificate()).subjectKeyIdentifier(), issuing.authorityKeyIdentifier());
        issuing.validatesWithJdkPkix(List.of(), pki.rootCertificate(), pki.now());
    }

    @Test
    void anIssuingCaPointsToTheRootsOcspResponderCertificateAndCrl() {
        IssuedCertificate issuing = IssuedCertificate.of(TestPki.create(AlgorithmPreset.EC_P256_SHA256).issuingCertificate());

        AccessDescription[] access = issuing.authorityInformationAccess().getAccessDescriptions();
        DistributionPoint[] points = issuing.crlDistributionPoints().getDistributionPoints();

        assertEquals(2, access.length);
        assertEquals(AccessDescription.id_ad_ocsp, access[0].getAccessMethod());
        assertEquals(TestPki.ROOT_URLS.ocsp(), access[0].getAccessLocation().getName().toString());
        assertEquals(AccessDescription.id_ad_caIssuers, access[1].getAccessMethod());
        assertEquals(TestPki.ROOT_URLS.caIssuers(), access[1].getAccessLocation().getName().toString());
        assertEquals(1, points.length);
        assertEquals(TestPki.ROOT_URLS.crlDistributionPoint(),
                GeneralNames.getInstance(points[0].getDistributionPoint().getName()).getNames()[0].getName().toString());
        assertFalse(issuing.extension(Extension.authorityInfoAccess).isCritical());
        assertFalse(issuing.extension(Extension.cRLDistributionPoints).isCritical());
    }

    @Test
    void refusesAnIssuingCaThatOutlivesTheRoot() {
        TestPki pki = TestPki.create(AlgorithmPreset.EC_P256_SHA256);
        KeyPair key = TestKeys.of(AlgorithmPreset.EC_P256_SHA256, "issuing");

        assertViolation(PolicyViolation.VALIDITY_PAST_ISSUER, () -> CaCertificateFactory.issuingCa(
                spec(ISSUING_NAME.toString(), Duration.ofDays(30 * 365), OptionalInt.empty()), TestPki.spki(key),
                pki.rootCertificate(), pki.rootSigner(), TestPki.ROOT_URLS));
    }

    @Test
    void refusesToIssueUnderACertificateThatIsNotACa() {
        TestPki pki = TestPki.create(AlgorithmPreset.EC_P256_SHA256);
        X509CertificateHolder pump = pki.issuePump("PUMP-1");

        assertViolation(PolicyViolation.NOT_A_CA, () -> CaCertificateFactory.issuingCa(
                spec(ISSUING_NAME.toString(), Duration.ofDays(30), OptionalInt.empty()),
                TestPki.spki(TestKeys.of(AlgorithmPreset.EC_P256_SHA256, "issuing")),
                pump, AlgorithmPreset.EC_P256_SHA256.contentSigner(pki.pumpKey().getPrivate()), TestPki.ROOT_URLS));
    }

    @Test
    void refusesASignerOutsideTheKeyPreset() {
        KeyPair p384 = TestKeys.of(AlgorithmPreset.EC_P384_SHA384, "root");

        assertThrows(IllegalArgumentException.class, () -> CaCertificateFactory.selfSignedRoot(
                spec("CN=Root", Duration.ofDays(365), OptionalInt.empty()), TestPki.spki(p384),
                AlgorithmPreset.EC_P256_SHA256.contentSigner(p384.getPrivate())));
    }

    @Test
    void refusesASignerForAnotherKey() {
        KeyPair key = TestKeys.of(AlgorithmPreset.EC_P256_SHA256, "root");
        KeyPair other = TestKeys.of(AlgorithmPreset.EC_P256_SHA256, "other");

        assertThrows(SigningException.class, () -> CaCertificateFactory.selfSignedRoot(
                spec("CN=Root", Duration.ofDays(365), OptionalInt.empty()), TestPki.spki(key),
                AlgorithmPreset.EC_P256_SHA256.contentSigner(other.getPrivate())));
    }

    @Test
    void requestsAnIssuingCaCertificateFromAnEnterpriseRoot() throws Exception {
        KeyPair key = TestKeys.of(AlgorithmPreset.EC_P384_SHA384, "issuing");

        PKCS10CertificationRequest csr = IssuingCaCsr.create(ISSUING_NAME, TestPki.spki(key),
                AlgorithmPreset.EC_P384_SHA384.contentSigner(key.getPrivate()));

        assertEquals(ISSUING_NAME, csr.getSubject());
        assertTrue(csr.isSignatureValid(SignatureCheck.verifierFor(TestPki.spki(key))));
        Extensions requested = Extensions.getInstance(
                csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0].getAttrValues().getObjectAt(0));
        assertEquals(BigInteger.ZERO, BasicConstraints.fromExtensions(requested).getPathLenConstraint());
        assertEquals(new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign), KeyUsage.fromExtensions(requested));
    }

    @Test
    void aCaRequestSignedWithAnotherKeyFails() {
        KeyPair key = TestKeys.of(AlgorithmPreset.EC_P256_SHA256, "issuing");
        KeyPair other = TestKeys.of(AlgorithmPreset.EC_P256_SHA256, "other");

        assertThrows(SigningException.class, () -> IssuingCaCsr.create(ISSUING_NAME, TestPki.spki(key),
                AlgorithmPreset.EC_P256_SHA256.contentSigner(other.getPrivate())));
    }

    @Test
    void acceptsAnImportedIssuingCaThatChainsToTheAnchor() {
        TestPki enterprise = TestPki.create(AlgorithmPreset.RSA_3072_SHA256);
        KeyPair ours = TestKeys.of(AlgorithmPreset.EC_P384_SHA384, "imported");
        X509CertificateHolder signed = signedByEnterprise(enterprise, ours);

        assertSame(signed, ImportedIssuingCa.validate(signed, TestPki.spki(ours), List.of(), enterprise.rootCertificate(), NOW));
    }

    @Test
    void refusesAnImportedCertificateForAnotherKey() {
        TestPki enterprise = TestPki.create(AlgorithmPreset.EC_P256_SHA256);
        X509CertificateHolder signed = signedByEnterprise(enterprise, TestKeys.of(AlgorithmPreset.EC_P384_SHA384, "imported"));
        SubjectPublicKeyInfo ours = TestPki.spki(TestKeys.of(AlgorithmPreset.EC_P384_SHA384, "other"));

        assertViolation(PolicyViolation.KEY_MISMATCH,
                () -> ImportedIssuingCa.validate(signed, ours, List.of(), enterprise.rootCertificate(), NOW));
    }

    @Test
    void refusesAnImportedCertificateThatIsNotACa() {
        TestPki enterprise = TestPki.create(AlgorithmPreset.EC_P256_SHA256);
        X509CertificateHolder pump = enterprise.issuePump("PUMP-1");

        assertViolation(PolicyViolation.NOT_A_CA, () -> ImportedIssuingCa.validate(pump, TestPki.spki(enterprise.pumpKey()),
                List.of(enterprise.issuingCertificate()), enterprise.rootCertificate(), NOW));
    }

    @Test
    void refusesAnImportedCertificateFromAnotherRoot() {
        TestPki enterprise = TestPki.create(AlgorithmPreset.EC_P256_SHA256);
        TestPki stranger = TestPki.create(AlgorithmPreset.EC_P384_SHA384);
        KeyPair ours = TestKeys.of(AlgorithmPreset.EC_P384_SHA384, "imported");
        X509CertificateHolder signed = signedByEnterprise(enterprise, ours);

        assertViolation(PolicyViolation.CHAIN_NOT_TRUSTED,
                () -> ImportedIssuingCa.validate(signed, TestPki.spki(ours), List.of(), stranger.rootCertificate(), NOW));
    }

    @Test
    void refusesAnImportedCertificateOutsideItsValidity() {
        TestPki enterprise = TestPki.create(AlgorithmPreset.EC_P256_SHA256);
        KeyPair ours = TestKeys.of(AlgorithmPreset.EC_P384_SHA384, "imported");
        X509CertificateHolder signed = signedByEnterprise(enterprise, ours);
        Instant afterExpiry = signed.getNotAfter().toInstant().plusSeconds(1);

        assertViolation(PolicyViolation.CHAIN_NOT_TRUSTED, () -> ImportedIssuingCa.validate(
                signed, TestPki.spki(ours), List.of(), enterprise.rootCertificate(), afterExpiry));
    }

    private static X509CertificateHolder signedByEnterprise(TestPki enterprise, KeyPair ours) {
        return CaCertificateFactory.issuingCa(spec(ISSUING_NAME.toString(), Duration.ofDays(5 * 365), OptionalInt.empty()),
                TestPki.spki(ours), enterprise.rootCertificate(), enterprise.rootSigner(), TestPki.ROOT_URLS);
    }

    private static CaCertificateSpec spec(String subject, Duration validity, OptionalInt pathLength) {
        return new CaCertificateSpec(new X500Name(subject), new SerialNumberGenerator(new SecureRandom()).next(),
                NOW, validity, pathLength);
    }
}
