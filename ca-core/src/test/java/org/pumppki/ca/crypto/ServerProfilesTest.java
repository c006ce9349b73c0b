package org.pumppki.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.pumppki.ca.crypto.PumpProfileTest.assertViolation;

import java.security.KeyPair;
import java.util.Arrays;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.pumppki.ca.testing.IssuedCertificate;
import org.pumppki.ca.testing.TestCsr;
import org.pumppki.ca.testing.TestKeys;
import org.pumppki.ca.testing.TestPki;

class ServerProfilesTest {

    private static final TrustedIdentity SERVER = TestPki.serverIdentity(
            List.of("pumpsrv1.hospital.example", "pumpsrv.hospital.example"), List.of("192.0.2.20", "2001:db8::20"));
    private static final KeyPair KEY = TestKeys.of(AlgorithmPreset.EC_P256_SHA256, "server");

    private final TestPki pki = TestPki.create(AlgorithmPreset.EC_P256_SHA256);

    @Test
    void usesTheRegisteredDisplayNameAsCommonName() {
        TrustedIdentity named = TrustedIdentity.builder().commonName("Drug Library Server").dnsName("pumpsrv1.hospital.example").build();

        IssuedCertificate server = issue(StandardProfile.PUMP_SERVER, TestCsr.forKey(KEY).subject("CN=pumpsrv1.hospital.example"), named);

        assertEquals("Drug Library Server", server.commonName());
        assertEquals(List.of(dns("pumpsrv1.hospital.example")), server.subjectAltNames());
    }

    @Test
    void pumpServerDefaultsToAllRegisteredDnsNamesAndAddresses() {
        IssuedCertificate server = issue(StandardProfile.PUMP_SERVER, TestCsr.forKey(KEY).subject("CN=pumpsrv1.hospital.example"), SERVER);

        assertEquals(List.of(dns("pumpsrv1.hospital.example"), dns("pumpsrv.hospital.example"),
                new GeneralName(GeneralName.iPAddress, "192.0.2.20"), new GeneralName(GeneralName.iPAddress, "2001:db8::20")),
                server.subjectAltNames());
        assertEquals("pumpsrv1.hospital.example", server.commonName());
        assertEquals(Set.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth), server.extendedKeyUsages());
        assertEquals(pki.now().plus(Duration.ofDays(365)), server.notAfter());
    }

    @Test
    void pumpServerIssuesTheRequestedSubsetInCanonicalForm() {
        IssuedCertificate server = issue(StandardProfile.PUMP_SERVER,
                TestCsr.forKey(KEY).subject("CN=PumpSrv.Hospital.Example").dns("PumpSrv.Hospital.Example.").ip("2001:db8::20"), SERVER);

        assertEquals(List.of(dns("pumpsrv.hospital.example"), new GeneralName(GeneralName.iPAddress, "2001:db8::20")),
                server.subjectAltNames());
        assertEquals("pumpsrv.hospital.example", server.commonName());
    }

    @ParameterizedTest
    @EnumSource(value = StandardProfile.class, names = {"PUMP_SERVER", "RADIUS_SERVER"})
    void serverProfilesRefuseUnregisteredHostNames(StandardProfile profile) {
        byte[] csr = TestCsr.forKey(KEY).subject("CN=pumpsrv.hospital.example").dns("pumpsrv.hospital.example", "evil.example").der();

        assertViolation(PolicyViolation.NAME_NOT_ALLOWED, () -> pki.issue(profile, csr, SERVER));
    }

    @ParameterizedTest
    @CsvSource({"PUMP_SERVER, 192.0.2.99", "RADIUS_SERVER, 192.0.2.20"})
    void serverProfilesRefuseAddressesTheyMayNotCertify(StandardProfile profile, String address) {
        byte[] csr = TestCsr.forKey(KEY).subject("CN=pumpsrv.hospital.example").ip(address).der();

        assertViolation(PolicyViolation.NAME_NOT_ALLOWED, () -> pki.issue(profile, csr, SERVER));
    }

    @ParameterizedTest
    @EnumSource(value = StandardProfile.class, names = {"PUMP_SERVER", "RADIUS_SERVER"})
    void serverProfilesRefuseOtherNameTypes(StandardProfile profile) {
        byte[] csr = TestCsr.forKey(KEY).subject("CN=pumpsrv.hospital.example")
                .altName(new GeneralName(GeneralName.rfc822Name, "admin@hospital.example")).der();

        assertViolation(PolicyViolation.NAME_NOT_ALLOWED, () -> pki.issue(profile, csr, SERVER));
    }

    @ParameterizedTest
    @EnumSource(value = StandardProfile.class, names = {"PUMP_SERVER", "RADIUS_SERVER"})
    void serverProfilesRefuseAnUnregisteredCommonName(StandardProfile profile) {
        byte[] csr = TestCsr.forKey(KEY).subject("CN=www.bank.example").der();

        assertViolation(PolicyViolation.NAME_NOT_ALLOWED, () -> pki.issue(profile, csr, SERVER));
    }

    @ParameterizedTest
    @EnumSource(value = StandardProfile.class, names = {"PUMP_SERVER", "RADIUS_SERVER"})
    void serverProfilesRefuseRegisteredNamesOutsideThePermittedNames(StandardProfile profile) {
        TestPki narrowed = TestPki.create(AlgorithmPreset.EC_P256_SHA256, TestPki.NOW, TestPki.defaultSettings()
                .permittedServerNames(PermittedNames.parse(List.of("pumpsrv1.hospital.example", "192.0.2.0/24"))).build());
        byte[] csr = TestCsr.forKey(KEY).subject("CN=pumpsrv1.hospital.example").der();

        assertViolation(PolicyViolation.NAME_NOT_PERMITTED, () -> narrowed.issue(profile, csr, SERVER));
    }

    @Test
    void aServerInsideThePermittedNamesIsCertified() {
        TestPki narrowed = TestPki.create(AlgorithmPreset.EC_P256_SHA256, TestPki.NOW, TestPki.defaultSettings()
                .permittedServerNames(PermittedNames.parse(List.of("hospital.example", "192.0.2.0/24", "2001:db8::/32"))).build());

        IssuedCertificate server = IssuedCertificate.of(narrowed.issue(StandardProfile.PUMP_SERVER,
                TestCsr.forKey(KEY).subject("CN=pumpsrv1.hospital.example").der(), SERVER));

        assertEquals(4, server.subjectAltNames().size());
    }

    @ParameterizedTest
    @EnumSource(value = StandardProfile.class, names = {"PUMP_SERVER", "RADIUS_SERVER"})
    void serverProfilesNeedARegisteredName(StandardProfile profile) {
        TrustedIdentity unnamed = TrustedIdentity.builder().commonName("lonely").build();
        byte[] csr = TestCsr.forKey(KEY).subject("CN=lonely").der();

        assertViolation(PolicyViolation.NAME_REQUIRED, () -> pki.issue(profile, csr, unnamed));
    }

    static Stream<Arguments> serverProfilesAndPresets() {
        return Stream.of(StandardProfile.PUMP_SERVER, StandardProfile.RADIUS_SERVER)
                .flatMap(profile -> Arrays.stream(AlgorithmPreset.values()).map(preset -> Arguments.of(profile, preset)));
    }

    @ParameterizedTest
    @MethodSource("serverProfilesAndPresets")
    void serverCertificatesValidateForTlsWithEveryPreset(StandardProfile profile, AlgorithmPreset preset) throws Exception {
        TestPki pki = TestPki.create(preset);

        IssuedCertificate server = IssuedCertificate.of(pki.issueServer(profile, SERVER));

        server.validatesWithJdkPkix(List.of(pki.issuingCertificate()), pki.rootCertificate(), pki.now());
        assertEquals(preset.isRsa() ? new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment)
                : new KeyUsage(KeyUsage.digitalSignature), server.keyUsage());
    }

    @Test
    void radiusServerGetsDnsNamesOnlyAndServerAuth() {
        IssuedCertificate radius = issue(StandardProfile.RADIUS_SERVER, TestCsr.forKey(KEY).subject("CN=pumpsrv1.hospital.example"), SERVER);

        assertEquals(List.of(dns("pumpsrv1.hospital.example"), dns("pumpsrv.hospital.example")), radius.subjectAltNames());
        assertEquals(Set.of(KeyPurposeId.id_kp_serverAuth), radius.extendedKeyUsages());
        assertEquals(new KeyUsage(KeyUsage.digitalSignature), radius.keyUsage());
    }

    @Test
    void rsaServerKeysAlsoGetKeyEncipherment() {
        KeyPair rsa = TestKeys.of(AlgorithmPreset.RSA_2048_SHA256, "server");

        IssuedCertificate radius = issue(StandardProfile.RADIUS_SERVER, TestCsr.forKey(rsa).subject("CN=pumpsrv.hospital.example"), SERVER);

        assertEquals(new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment), radius.keyUsage());
    }

    @Test
    void ocspResponderCertificateHasTheRfc6960Shape() {
        IssuedCertificate responder = IssuedCertificate.of(pki.responderCertificate());

        assertEquals(Set.of(KeyPurposeId.id_kp_OCSPSigning), responder.extendedKeyUsages());
        Extension noCheck = responder.extension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck);
        assertFalse(noCheck.isCritical());
        assertEquals(DERNull.INSTANCE, noCheck.getParsedValue());
        assertEquals(new KeyUsage(KeyUsage.digitalSignature), responder.keyUsage());
        assertNull(responder.extension(Extension.authorityInfoAccess));
        assertNull(responder.extension(Extension.cRLDistributionPoints));
        assertEquals(pki.now().plus(Duration.ofDays(7)), responder.notAfter());
        assertEquals("Test Hospital OCSP Responder", responder.commonName());
    }

    @Test
    void ocspResponderWithAnRsaKeyStillOnlySigns() {
        IssuedCertificate responder = IssuedCertificate.of(TestPki.create(AlgorithmPreset.RSA_2048_SHA256).responderCertificate());

        assertEquals(new KeyUsage(KeyUsage.digitalSignature), responder.keyUsage());
    }

    @Test
    void ocspResponderRefusesRequestedAltNames() {
        TrustedIdentity responder = TrustedIdentity.builder().commonName("Responder").build();
        byte[] csr = TestCsr.forKey(KEY).subject("CN=Responder").dns("ocsp.hospital.example").der();

        assertViolation(PolicyViolation.NAME_NOT_ALLOWED, () -> pki.issue(StandardProfile.OCSP_RESPONDER, csr, responder));
    }

    @Test
    void ocspResponderNeedsARegisteredCommonName() {
        byte[] csr = TestCsr.forKey(KEY).subject("CN=Responder").der();

        assertViolation(PolicyViolation.IDENTITY_INCOMPLETE,
                () -> pki.issue(StandardProfile.OCSP_RESPONDER, csr, TrustedIdentity.builder().build()));
    }

    @Test
    void profilesAreFoundByTheirConfigurationName() {
        assertEquals(StandardProfile.RADIUS_SERVER, StandardProfile.fromName("radius-server"));
        assertEquals("ocsp-responder", StandardProfile.OCSP_RESPONDER.create(ProfileSettings.defaults()).name());
    }

    private IssuedCertificate issue(StandardProfile profile, TestCsr csr, TrustedIdentity identity) {
        return IssuedCertificate.of(pki.issue(profile, csr.der(), identity));
    }

    private static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }
}
