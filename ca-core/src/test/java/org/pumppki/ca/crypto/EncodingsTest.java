package org.pumppki.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumppki.ca.testing.TestCsr;
import org.pumppki.ca.testing.TestPki;

class EncodingsTest {

    private final TestPki pki = TestPki.create(AlgorithmPreset.EC_P256_SHA256);

    @Test
    void writesPemWithSixtyFourCharacterLines() {
        String pem = Pem.certificate(pki.rootCertificate());

        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertTrue(pem.endsWith("\n-----END CERTIFICATE-----\n"));
        assertTrue(pem.lines().allMatch(line -> line.length() <= 64 || line.startsWith("-----")));
        assertTrue(pem.lines().filter(line -> !line.startsWith("-----")).limit(1).allMatch(line -> line.length() == 64));
    }

    @Test
    void certificateChainsRoundTripThroughPem() {
        List<X509CertificateHolder> chain = List.of(pki.issuePump("PUMP-1"), pki.issuingCertificate(), pki.rootCertificate());

        assertEquals(chain, Pem.readCertificates(Pem.certificates(chain)));
    }

    @Test
    void requestsRoundTripThroughPem() {
        PKCS10CertificationRequest csr = TestCsr.forKey(pki.pumpKey()).subject("CN=PUMP-1").build();

        UntrustedCsr parsed = UntrustedCsr.parse(Pem.certificationRequest(csr), KeyPolicy.DEFAULT);

        assertEquals(List.of("PUMP-1"), parsed.requestedNames().untrustedCommonNames());
    }

    @Test
    void crlsRoundTripThroughPemAndDer() throws Exception {
        X509CRLHolder crl = CrlCreator.create(pki.issuingCertificate(), pki.issuingSigner(), BigInteger.ONE, pki.now(),
                pki.now().plus(Duration.ofDays(1)), List.of(new RevokedEntry(BigInteger.TEN, pki.now(), RevocationReason.SUPERSEDED)));

        assertEquals(crl, Pem.readCrl(Pem.crl(crl)));
        assertEquals(crl, Der.crl(crl.getEncoded()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "no pem here",
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"})
    void refusesPemThatIsNotACertificate(String text) {
        assertThrows(MalformedInputException.class, () -> Pem.readCertificates(text));
    }

    @Test
    void derDecodingRefusesTrailingBytes() throws Exception {
        byte[] der = pki.rootCertificate().getEncoded();
        byte[] padded = Arrays.copyOf(der, der.length + 1);

        assertEquals(pki.rootCertificate(), Der.certificate(der));
        assertThrows(MalformedInputException.class, () -> Der.certificate(padded));
    }

    @Test
    void certsOnlyPkcs7RoundTrips() throws Exception {
        List<X509CertificateHolder> chain = pki.caChain();

        byte[] pkcs7 = CertsOnlyPkcs7.encode(chain);

        assertEquals(Set.copyOf(chain), Set.copyOf(CertsOnlyPkcs7.decode(pkcs7)));
        ContentInfo contentInfo = ContentInfo.getInstance(pkcs7);
        assertEquals(CMSObjectIdentifiers.signedData, contentInfo.getContentType());
        SignedData signedData = SignedData.getInstance(contentInfo.getContent());
        assertEquals(0, signedData.getSignerInfos().size());
        assertEquals(CMSObjectIdentifiers.data, signedData.getEncapContentInfo().getContentType());
        assertEquals(null, signedData.getEncapContentInfo().getContent());
        assertArrayEquals(pkcs7, CertsOnlyPkcs7.encode(List.of(pki.rootCertificate(), pki.issuingCertificate())), "DER sorts the SET");
    }

    @Test
    void certsOnlyDecodingRefusesSignedMessages() throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(pki.issuingSigner(), pki.issuingCertificate()));
        generator.addCertificate(pki.issuingCertificate());
        byte[] signed = generator.generate(new CMSProcessableByteArray(new byte[] {1}), true).getEncoded();

        assertThrows(MalformedInputException.class, () -> CertsOnlyPkcs7.decode(signed));
        assertThrows(MalformedInputException.class, () -> CertsOnlyPkcs7.decode(new byte[] {0x30, 0x00}));
    }

    @Test
    void fingerprintsAreSha256InLowerCaseHex() throws Exception {
        X509CertificateHolder certificate = pki.rootCertificate();

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));

        assertEquals(expected, Fingerprint.sha256(certificate));
        assertEquals(64, Fingerprint.sha256(certificate).length());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pki.rootKeyPair().getPublic().getEncoded())),
                Fingerprint.sha256(certificate.getSubjectPublicKeyInfo()));
    }
}
