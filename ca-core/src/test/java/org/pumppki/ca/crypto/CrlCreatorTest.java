package org.pumppki.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumppki.ca.crypto.PumpProfileTest.assertViolation;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumppki.ca.testing.IssuedCertificate;
import org.pumppki.ca.testing.TestPki;

class CrlCreatorTest {

    private static final Instant THIS_UPDATE = TestPki.NOW;
    private static final Instant NEXT_UPDATE = TestPki.NOW.plus(Duration.ofDays(1));
    private static final Instant REVOKED_AT = TestPki.NOW.minus(Duration.ofHours(3));

    private final TestPki pki = TestPki.create(AlgorithmPreset.EC_P256_SHA256);

    @ParameterizedTest
    @EnumSource(AlgorithmPreset.class)
    void createsASignedV2CrlWithEveryPreset(AlgorithmPreset preset) throws Exception {
        TestPki pki = TestPki.create(preset);

        X509CRLHolder crl = create(pki, BigInteger.valueOf(42), List.of(new RevokedEntry(BigInteger.TEN, REVOKED_AT, RevocationReason.KEY_COMPROMISE)));

        X509CRL jdkCrl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.getEncoded()));
        jdkCrl.verify(new JcaX509CertificateConverter().getCertificate(pki.issuingCertificate()).getPublicKey());
        assertEquals(2, jdkCrl.getVersion());
        assertEquals(pki.issuingCertificate().getSubject(), crl.getIssuer());
        assertEquals(THIS_UPDATE, crl.getThisUpdate().toInstant());
        assertEquals(NEXT_UPDATE, crl.getNextUpdate().toInstant());
    }

    @Test
    void carriesCrlNumberAndAuthorityKeyIdentifier() {
        X509CRLHolder crl = create(pki, new BigInteger("123456789012345678901234567890"), List.of());

        assertEquals(new BigInteger("123456789012345678901234567890"),
                CRLNumber.getInstance(crl.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber());
        assertArrayEquals(IssuedCertificate.of(pki.issuingCertificate()).subjectKeyIdentifier(),
                AuthorityKeyIdentifier.fromExtensions(crl.getExtensions()).getKeyIdentifierOctets());
        assertTrue(crl.getRevokedCertificates().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(value = RevocationReason.class, mode = EnumSource.Mode.EXCLUDE, names = {"UNSPECIFIED", "REMOVE_FROM_CRL"})
    void writesTheReasonCodeOfEachEntry(RevocationReason reason) {
        X509CRLEntryHolder entry = onlyEntry(create(pki, BigInteger.ONE, List.of(new RevokedEntry(BigInteger.TEN, REVOKED_AT, reason))));

        assertEquals(BigInteger.TEN, entry.getSerialNumber());
        assertEquals(REVOKED_AT, entry.getRevocationDate().toInstant());
        Extension reasonCode = entry.getExtensions().getExtension(Extension.reasonCode);
        assertEquals(reason.code(), ASN1Enumerated.getInstance(reasonCode.getParsedValue()).intValueExact());
    }

    @Test
    void listsHeldCertificatesWithTheCertificateHoldReason() {
        X509CRLEntryHolder entry = onlyEntry(create(pki, BigInteger.ONE,
                List.of(new RevokedEntry(BigInteger.TEN, REVOKED_AT, RevocationReason.CERTIFICATE_HOLD))));

        assertEquals(6, ASN1Enumerated.getInstance(entry.getExtensions().getExtension(Extension.reasonCode).getParsedValue()).intValueExact());
    }

    @Test
    void omitsTheReasonCodeForUnspecified() {
        X509CRLEntryHolder entry = onlyEntry(create(pki, BigInteger.ONE,
                List.of(new RevokedEntry(BigInteger.TEN, REVOKED_AT, RevocationReason.UNSPECIFIED))));

        assertNull(entry.getExtensions());
    }

    @Test
    void refusesRemoveFromCrlInAFullCrl() {
        List<RevokedEntry> entries = List.of(new RevokedEntry(BigInteger.TEN, REVOKED_AT, RevocationReason.REMOVE_FROM_CRL));

        assertThrows(IllegalArgumentException.class, () -> create(pki, BigInteger.ONE, entries));
    }

    @Test
    void refusesDuplicateSerials() {
        List<RevokedEntry> entries = List.of(
                new RevokedEntry(BigInteger.TEN, REVOKED_AT, RevocationReason.SUPERSEDED),
                new RevokedEntry(BigInteger.TEN, REVOKED_AT, RevocationReason.KEY_COMPROMISE));

        assertThrows(IllegalArgumentException.class, () -> create(pki, BigInteger.ONE, entries));
    }

    @Test
    void refusesAnInvertedUpdateWindow() {
        assertThrows(IllegalArgumentException.class, () -> CrlCreator.create(pki.issuingCertificate(), pki.issuingSigner(),
                BigInteger.ONE, NEXT_UPDATE, THIS_UPDATE, List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1461501637330902918203684832716283019655932542976"})
    void refusesCrlNumbersOutsideTheRfcRange(String number) {
        assertThrows(IllegalArgumentException.class, () -> create(pki, new BigInteger(number), List.of()));
    }

    @Test
    void refusesAnIssuerThatMayNotSignCrls() {
        assertViolation(PolicyViolation.NOT_A_CA, () -> CrlCreator.create(pki.responderCertificate(), pki.responderSigner(),
                BigInteger.ONE, THIS_UPDATE, NEXT_UPDATE, List.of()));
    }

    @Test
    void refusesASignerForAnotherKey() {
        assertThrows(SigningException.class, () -> CrlCreator.create(pki.issuingCertificate(), pki.rootSigner(),
                BigInteger.ONE, THIS_UPDATE, NEXT_UPDATE, List.of()));
    }

    @Test
    void handlesOneHundredThousandEntries() {
        SerialNumberGenerator serials = new SerialNumberGenerator(new SecureRandom());
        RevocationReason[] reasons = {RevocationReason.KEY_COMPROMISE, RevocationReason.CESSATION_OF_OPERATION,
            RevocationReason.CERTIFICATE_HOLD, RevocationReason.UNSPECIFIED};
        List<RevokedEntry> entries = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            entries.add(new RevokedEntry(serials.next(), REVOKED_AT.minusSeconds(i), reasons[i % reasons.length]));
        }

        X509CRLHolder crl = create(pki, BigInteger.valueOf(7), entries);

        assertEquals(100_000, crl.getRevokedCertificates().size());
        RevokedEntry probe = entries.get(54_321);
        X509CRLEntryHolder found = crl.getRevokedCertificate(probe.serial());
        assertNotNull(found);
        assertEquals(probe.revokedAt(), found.getRevocationDate().toInstant());
    }

    @Test
    void reasonsRoundTripThroughCodeAndApiName() {
        for (RevocationReason reason : RevocationReason.values()) {
            assertEquals(reason, RevocationReason.fromCode(reason.code()));
            assertEquals(reason, RevocationReason.fromApiName(reason.apiName()));
        }
        assertEquals(RevocationReason.CA_COMPROMISE, RevocationReason.fromApiName("cACompromise"));
        assertEquals(10, RevocationReason.AA_COMPROMISE.code());
        assertThrows(IllegalArgumentException.class, () -> RevocationReason.fromCode(7));
        assertThrows(IllegalArgumentException.class, () -> RevocationReason.fromApiName("KeyCompromise"));
    }

    private static X509CRLHolder create(TestPki pki, BigInteger number, List<RevokedEntry> entries) {
        return CrlCreator.create(pki.issuingCertificate(), pki.issuingSigner(), number, THIS_UPDATE, NEXT_UPDATE, entries);
    }

    private static X509CRLEntryHolder onlyEntry(X509CRLHolder crl) {
        assertEquals(1, crl.getRevokedCertificates().size());
        return (X509CRLEntryHolder) crl.getRevokedCertificates().iterator().next();
    }
}
