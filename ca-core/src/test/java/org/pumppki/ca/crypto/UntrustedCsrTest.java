package org.pumppki.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.pumppki.ca.testing.TestCsr;
import org.pumppki.ca.testing.TestKeys;

class UntrustedCsrTest {

    private static final KeyPair EC_KEY = TestKeys.of(AlgorithmPreset.EC_P256_SHA256, "csr");
    private static final KeyPair RSA_KEY = TestKeys.of(AlgorithmPreset.RSA_2048_SHA256, "csr");

    static Stream<Arguments> encodings() {
        byte[] der = TestCsr.forKey(EC_KEY).subject("CN=PUMP-0001").der();
        String base64 = Base64.getEncoder().encodeToString(der);
        String wrapped = Base64.getMimeEncoder(64, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return Stream.of(
                Arguments.of("DER", der),
                Arguments.of("PEM", ascii(Pem.encode("CERTIFICATE REQUEST", der))),
                Arguments.of("legacy PEM label", ascii(Pem.encode("NEW CERTIFICATE REQUEST", der))),
                Arguments.of("PEM with text around it", ascii("Subject: pump\n" + Pem.encode("CERTIFICATE REQUEST", der) + "\n")),
                Arguments.of("base64 on one line", ascii(base64)),
                Arguments.of("base64 with CRLF every 64 characters (RFC 8951)", ascii(wrapped + "\r\n")),
                Arguments.of("base64 with spaces and tabs", ascii(" " + base64.substring(0, 10) + "\t\n " + base64.substring(10))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void acceptsEveryEncodingAClientUses(String encoding, byte[] body) {
        UntrustedCsr csr = UntrustedCsr.parse(body, KeyPolicy.DEFAULT);

        assertEquals(List.of("PUMP-0001"), csr.requestedNames().untrustedCommonNames());
        assertEquals(KeyPolicyTest.spki(EC_KEY), csr.subjectKey().subjectPublicKeyInfo());
    }

    @ParameterizedTest
    @EnumSource(AlgorithmPreset.class)
    void acceptsRequestsSignedWithEveryPreset(AlgorithmPreset preset) {
        KeyPair key = TestKeys.of(preset, "csr");

        UntrustedCsr csr = UntrustedCsr.parse(TestCsr.forKey(key).signedWith(preset.signatureAlgorithm()).der(), KeyPolicy.DEFAULT);

        assertEquals(preset.signatureAlgorithmIdentifier(), csr.signatureAlgorithm());
    }

    @ParameterizedTest
    @CsvSource({"SHA256withRSAandMGF1", "SHA384withRSAandMGF1", "SHA512withRSA", "SHA384withRSA"})
    void acceptsStrongRsaVariants(String algorithm) {
        UntrustedCsr csr = UntrustedCsr.parse(TestCsr.forKey(RSA_KEY).signedWith(algorithm).der(), KeyPolicy.DEFAULT);

        assertEquals(KeyFamily.RSA, csr.subjectKey().family());
    }

    @ParameterizedTest
    @CsvSource({
            "RSA, SHA1withRSA, WEAK_SIGNATURE",
            "RSA, MD5withRSA, WEAK_SIGNATURE",
            "RSA, SHA1withRSAandMGF1, WEAK_SIGNATURE",
            "RSA, SHA224withRSA, SIGNATURE_NOT_ALLOWED",
            "EC, SHA1withECDSA, WEAK_SIGNATURE",
            "EC, SHA224withECDSA, SIGNATURE_NOT_ALLOWED"})
    void refusesWeakOrUnlistedSignatureAlgorithms(String keyType, String algorithm, PolicyViolation expected) {
        byte[] der = TestCsr.forKey(keyType.equals("RSA") ? RSA_KEY : EC_KEY).signedWith(algorithm).der();

        PolicyViolationException e = assertThrows(PolicyViolationException.class, () -> UntrustedCsr.parse(der, KeyPolicy.DEFAULT));

        assertEquals(expected, e.violation());
    }

    static Stream<Arguments> refusedKeys() {
        return Stream.of(
                Arguments.of("RSA-1024", TestKeys.rsa1024(), PolicyViolation.WEAK_KEY),
                Arguments.of("P-521", TestKeys.ecOn("secp521r1"), PolicyViolation.KEY_NOT_ALLOWED),
                Arguments.of("secp256k1", TestKeys.ecOn("secp256k1"), PolicyViolation.KEY_NOT_ALLOWED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedKeys")
    void refusesKeysOutsideThePolicy(String name, KeyPair key, PolicyViolation expected) {
        byte[] der = TestCsr.forKey(key).signedWith(key.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA").der();

        assertEquals(expected, assertThrows(PolicyViolationException.class, () -> UntrustedCsr.parse(der, KeyPolicy.DEFAULT)).violation());
    }

    @ParameterizedTest
    @EnumSource(value = AlgorithmPreset.class, names = {"EC_P256_SHA256", "RSA_2048_SHA256", "ED25519"})
    void refusesARequestWhoseSignatureWasTamperedWith(AlgorithmPreset preset) {
        byte[] der = TestCsr.forKey(TestKeys.of(preset, "csr")).signedWith(preset.signatureAlgorithm()).der();
        der[der.length - 1] ^= 0x01;

        PolicyViolationException e = assertThrows(PolicyViolationException.class, () -> UntrustedCsr.parse(der, KeyPolicy.DEFAULT));

        assertEquals(PolicyViolation.BAD_SIGNATURE, e.violation());
    }

    @Test
    void refusesARequestSignedWithAnotherKey() throws Exception {
        byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x"), EC_KEY.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA")
                        .build(TestKeys.of(AlgorithmPreset.EC_P256_SHA256, "someone else").getPrivate()))
                .getEncoded();

        assertEquals(PolicyViolation.BAD_SIGNATURE,
                assertThrows(PolicyViolationException.class, () -> UntrustedCsr.parse(der, KeyPolicy.DEFAULT)).violation());
    }

    static Stream<Arguments> malformedInputs() {
        byte[] der = TestCsr.forKey(EC_KEY).der();
        byte[] random = new byte[300];
        new Random(7).nextBytes(random);
        random[0] = 0x30;
        byte[] oversized = new byte[CsrEncoding.MAX_INPUT_BYTES + 1];
        Arrays.fill(oversized, (byte) 'A');
        byte[] trailing = Arrays.copyOf(der, der.length + 2);
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("over 64 KiB", oversized),
                Arguments.of("truncated DER", Arrays.copyOf(der, der.length / 2)),
                Arguments.of("DER with trailing bytes", trailing),
                Arguments.of("random bytes that start like DER", random),
                Arguments.of("a certificate PEM block", ascii(Pem.encode("CERTIFICATE", der))),
                Arguments.of("two request blocks", ascii(Pem.encode("CERTIFICATE REQUEST", der) + Pem.encode("CERTIFICATE REQUEST", der))),
                Arguments.of("PEM with broken base64", ascii("-----BEGIN CERTIFICATE REQUEST-----\n!!!!\n-----END CERTIFICATE REQUEST-----\n")),
                Arguments.of("not base64", ascii("this is not a request")),
                Arguments.of("base64 of something else", ascii(Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.US_ASCII)))),
                Arguments.of("binary that is not DER", new byte[] {(byte) 0xff, 0x01, 0x02}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedInputs")
    void refusesMalformedInputWithAMessage(String name, byte[] input) {
        MalformedInputException e = assertThrows(MalformedInputException.class, () -> UntrustedCsr.parse(input, KeyPolicy.DEFAULT));

        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void exposesRequestedNamesAsUntrusted() throws Exception {
        byte[] der = TestCsr.forKey(EC_KEY)
                .subject("CN=radius1.example.org, SERIALNUMBER=SN-1, O=Evil")
                .dns("radius1.example.org", "other.example.org")
                .ip("192.0.2.7", "2001:db8::7")
                .altName(new GeneralName(GeneralName.rfc822Name, "pump@example.org"))
                .altName(new GeneralName(GeneralName.uniformResourceIdentifier, "urn:pump:1"))
                .der();

        RequestedNames names = UntrustedCsr.parse(der, KeyPolicy.DEFAULT).requestedNames();

        assertEquals(List.of("radius1.example.org"), names.untrustedCommonNames());
        assertEquals(List.of("SN-1"), names.untrustedSerialNumbers());
        assertEquals(List.of("radius1.example.org", "other.example.org"), names.untrustedDnsNames());
        assertEquals(List.of(InetAddress.getByName("192.0.2.7"), InetAddress.getByName("2001:db8::7")), names.untrustedIpAddresses());
        assertEquals(List.of("pump@example.org"), names.untrustedEmailAddresses());
        assertEquals(List.of("urn:pump:1"), names.untrustedUris());
        assertEquals(6, names.untrustedAltNames().size());
        assertEquals(new X500Name("CN=radius1.example.org, SERIALNUMBER=SN-1, O=Evil"), names.untrustedSubject());
    }

    @Test
    void exposesTheChallengePassword() throws Exception {
        byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x"), EC_KEY.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERPrintableString("tls-unique-value"))
                .build(AlgorithmPreset.EC_P256_SHA256.contentSigner(EC_KEY.getPrivate()))
                .getEncoded();

        assertEquals(Optional.of("tls-unique-value"), UntrustedCsr.parse(der, KeyPolicy.DEFAULT).untrustedChallengePassword());
        assertEquals(Optional.empty(), UntrustedCsr.parse(TestCsr.forKey(EC_KEY).der(), KeyPolicy.DEFAULT).untrustedChallengePassword());
    }

    @Test
    void keepsTheRequestForAudit() {
        byte[] der = TestCsr.forKey(EC_KEY).der();

        assertTrue(Arrays.equals(der, UntrustedCsr.parse(der, KeyPolicy.DEFAULT).encoded()));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

}
