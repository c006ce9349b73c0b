package org.pumppki.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.pumppki.ca.testing.IssuedCertificate;
import org.pumppki.ca.testing.TestCsr;
import org.pumppki.ca.testing.TestKeys;
import org.pumppki.ca.testing.TestPki;

class PumpProfileTest {

    private static final String SERIAL = "PUMP-000123";

    @ParameterizedTest
    @EnumSource(AlgorithmPreset.class)
    void issuesAPumpCertificateWithEveryPreset(AlgorithmPreset preset) throws Exception {
        TestPki pki = TestPki.create(preset);

        IssuedCertificate pump = IssuedCertificate.of(pki.issuePump(SERIAL));

        assertEquals(3, pump.holder().getVersionNumber());
        assertEquals(Set.of(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_eapOverLAN), pump.extendedKeyUsages());
        int expectedUsage = KeyUsage.digitalSignature | (preset.isRsa() ? KeyUsage.keyEncipherment : 0);
        assertEquals(new KeyUsage(expectedUsage), pump.keyUsage());
        assertTrue(pump.extension(Extension.keyUsage).isCritical());
        assertFalse(pump.basicConstraints().isCA());
        assertTrue(pump.extension(Extension.basicConstraints).isCritical());
        pump.validatesWithJdkPkix(List.of(pki.issuingCertificate()), pki.rootCertificate(), pki.now());
    }

    @Test
    void namesThePumpFromTheInventory() {
        IssuedCertificate pump = IssuedCertificate.of(TestPki.create(AlgorithmPreset.EC_P256_SHA256).issuePump(SERIAL));

        assertEquals(SERIAL, pump.commonName());
        assertEquals(SERIAL, pump.subjectValue(BCStyle.SERIALNUMBER));
        assertEquals("Test Hospital", pump.subjectValue(BCStyle.O));
    }

    @Test
    void carriesTheHardwareModuleNameOfRfc4108() {
        IssuedCertificate pump = IssuedCertificate.of(TestPki.create(AlgorithmPreset.EC_P256_SHA256).issuePump(SERIAL));

        List<GeneralName> names = pump.subjectAltNames();
        assertEquals(1, names.size());
        assertEquals(GeneralName.otherName, names.get(0).getTagNo());
        OtherName otherName = OtherName.getInstance(names.get(0).getName());
        assertEquals(new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.4"), otherName.getTypeID());
        ASN1Sequence hardwareModuleName = ASN1Sequence.getInstance(otherName.getValue());
        assertEquals(new ASN1ObjectIdentifier(TestPki.HARDWARE_TYPE), hardwareModuleName.getObjectAt(0));
        assertArrayEquals(SERIAL.getBytes(StandardCharsets.UTF_8), ASN1OctetString.getInstance(hardwareModuleName.getObjectAt(1)).getOctets());
    }

    @Test
    void pointsToOcspCaIssuersAndCrl() {
        IssuedCertificate pump = IssuedCertificate.of(TestPki.create(AlgorithmPreset.EC_P256_SHA256).issuePump(SERIAL));

        AccessDescription[] access = pump.authorityInformationAccess().getAccessDescriptions();
        assertEquals(2, access.length);
        assertEquals(AccessDescription.id_ad_ocsp, access[0].getAccessMethod());
        assertEquals(new GeneralName(GeneralName.uniformResourceIdentifier, TestPki.URLS.ocsp()), access[0].getAccessLocation());
        assertEquals(AccessDescription.id_ad_caIssuers, access[1].getAccessMethod());
        assertEquals(new GeneralName(GeneralName.uniformResourceIdentifier, TestPki.URLS.caIssuers()), access[1].getAccessLocation());
        GeneralNames crl = (GeneralNames) pump.crlDistributionPoints().getDistributionPoints()[0].getDistributionPoint().getName();
        assertEquals(new GeneralName(GeneralName.uniformResourceIdentifier, TestPki.URLS.crlDistributionPoint()), crl.getNames()[0]);
    }

    @Test
    void linksKeyIdentifiersToTheIssuer() {
        TestPki pki = TestPki.create(AlgorithmPreset.EC_P256_SHA256);

        IssuedCertificate pump = IssuedCertificate.of(pki.issuePump(SERIAL));

        assertArrayEquals(IssuedCertificate.of(pki.issuingCertificate()).subjectKeyIdentifier(), pump.authorityKeyIdentifier());
        assertArrayEquals(KeyIdentifiers.subjectKeyIdentifier(TestPki.spki(pki.pumpKey())).getKeyIdentifier(), pump.subjectKeyIdentifier());
        assertEquals(20, pump.subjectKeyIdentifier().length);
    }

    @Test
    void isValidFromTheIssuanceInstantForTwoYears() {
        IssuedCertificate pump = IssuedCertificate.of(TestPki.create(AlgorithmPreset.EC_P256_SHA256).issuePump(SERIAL));

        assertEquals(TestPki.NOW, pump.notBefore());
        assertEquals(TestPki.NOW.plus(Duration.ofDays(730)), pump.notAfter());
    }

    @Test
    void appliesConfiguredValidityAndBackdate() {
        ProfileSettings settings = TestPki.defaultSettings()
                .validity(StandardProfile.PUMP, Duration.ofDays(90)).backdate(Duration.ofMinutes(5)).build();

        IssuedCertificate pump = IssuedCertificate.of(
                TestPki.create(AlgorithmPreset.EC_P256_SHA256, TestPki.NOW, settings).issuePump(SERIAL));

        assertEquals(TestPki.NOW.minus(Duration.ofMinutes(5)), pump.notBefore());
        assertEquals(TestPki.NOW.plus(Duration.ofDays(90)), pump.notAfter());
    }

    @Test
    void carriesConfiguredWlanSsids() {
        ProfileSettings settings = TestPki.defaultSettings().wlanSsids(List.of("PUMPS-5G", "Infusion")).build();

        IssuedCertificate pump = IssuedCertificate.of(
                TestPki.create(AlgorithmPreset.EC_P256_SHA256, TestPki.NOW, settings).issuePump(SERIAL));

        Extension ssids = pump.extension(DeviceObjectIdentifiers.WLAN_SSID);
        assertFalse(ssids.isCritical());
        ASN1Sequence list = ASN1Sequence.getInstance(ssids.getParsedValue());
        assertEquals(2, list.size());
        assertArrayEquals("PUMPS-5G".getBytes(StandardCharsets.UTF_8), ASN1OctetString.getInstance(list.getObjectAt(0)).getOctets());
        assertArrayEquals("Infusion".getBytes(StandardCharsets.UTF_8), ASN1OctetString.getInstance(list.getObjectAt(1)).getOctets());
    }

    @Test
    void hasNoSsidExtensionUnlessConfigured() {
        IssuedCertificate pump = IssuedCertificate.of(TestPki.create(AlgorithmPreset.EC_P256_SHA256).issuePump(SERIAL));

        assertNull(pump.extension(DeviceObjectIdentifiers.WLAN_SSID));
    }

    @Test
    void rendersTheCommonNameTemplate() {
        ProfileSettings settings = TestPki.defaultSettings().pumpCommonName("{manufacturer} {model} {serial} {macAddress}").build();
        TestPki pki = TestPki.create(AlgorithmPreset.EC_P256_SHA256, TestPki.NOW, settings);
        byte[] csr = TestCsr.forKey(pki.pumpKey()).subject("CN=" + SERIAL).der();

        IssuedCertificate pump = IssuedCertificate.of(pki.issue(StandardProfile.PUMP, csr, TestPki.pumpIdentity(SERIAL)));

        assertEquals("Example Medical Infusomat 9 PUMP-000123 00-1A-2B-3C-4D-5E", pump.commonName());
    }

    @Test
    void putsTheMacAddressInTheSubjectWhenConfigured() {
        IssuedCertificate pump = pumpWithMacPlacement(MacAddressPlacement.SUBJECT);

        assertEquals("00-1A-2B-3C-4D-5E", pump.subjectValue(DeviceObjectIdentifiers.MAC_ADDRESS));
        assertEquals(1, pump.subjectAltNames().size());
    }

    @Test
    void putsTheMacAddressInTheSanWhenConfigured() {
        IssuedCertificate pump = pumpWithMacPlacement(MacAddressPlacement.SAN);

        OtherName mac = OtherName.getInstance(pump.subjectAltNames().get(1).getName());
        assertEquals(DeviceObjectIdentifiers.MAC_ADDRESS, mac.getTypeID());
        assertEquals("00-1A-2B-3C-4D-5E", ((ASN1String) DERIA5String.getInstance(mac.getValue())).getString());
        assertNull(pump.subjectValue(DeviceObjectIdentifiers.MAC_ADDRESS));
    }

    @Test
    void leavesTheMacAddressOutByDefault() {
        IssuedCertificate pump = IssuedCertificate.of(TestPki.create(AlgorithmPreset.EC_P256_SHA256).issuePump(SERIAL));

        assertNull(pump.subjectValue(DeviceObjectIdentifiers.MAC_ADDRESS));
        assertEquals(1, pump.subjectAltNames().size());
    }

    @Test
    void refusesToPlaceAMacAddressTheInventoryDoesNotHave() {
        TestPki pki = TestPki.create(AlgorithmPreset.EC_P256_SHA256, TestPki.NOW,
                TestPki.defaultSettings().macAddressPlacement(MacAddressPlacement.SAN).build());
        TrustedIdentity withoutMac = TrustedIdentity.builder().deviceSerial(SERIAL).build();

        assertViolation(PolicyViolation.IDENTITY_INCOMPLETE,
                () -> pki.issue(StandardProfile.PUMP, TestCsr.forKey(pki.pumpKey()).subject("CN=" + SERIAL).der(), withoutMac));
    }

    static Stream<Arguments> namesAPumpMayNotAskFor() {
        KeyPair key = TestKeys.of(AlgorithmPreset.EC_P256_SHA256, "pump");
        return Stream.of(
                Arguments.of("a DNS name", TestCsr.forKey(key).subject("CN=" + SERIAL).dns("pump.example.org").der()),
                Arguments.of("an IP address", TestCsr.forKey(key).subject("CN=" + SERIAL).ip("192.0.2.10").der()),
                Arguments.of("an email address", TestCsr.forKey(key).subject("CN=" + SERIAL)
                        .altName(new GeneralName(GeneralName.rfc822Name, "pump@example.org")).der()),
                Arguments.of("a URI", TestCsr.forKey(key).subject("CN=" + SERIAL)
                        .altName(new GeneralName(GeneralName.uniformResourceIdentifier, "https://example.org")).der()),
                Arguments.of("another pump's CN", TestCsr.forKey(key).subject("CN=PUMP-999999").der()),
                Arguments.of("another serialNumber", TestCsr.forKey(key).subject("CN=" + SERIAL + ", SERIALNUMBER=PUMP-999999").der()),
                Arguments.of("a server CN", TestCsr.forKey(key).subject("CN=radius.example.org").der()),
                Arguments.of("another pump's hardwareModuleName", TestCsr.forKey(key).subject("CN=" + SERIAL)
                        .altName(HardwareModuleNameSan.encode(new ASN1ObjectIdentifier(TestPki.HARDWARE_TYPE), "PUMP-999999")).der()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namesAPumpMayNotAskFor")
    void refusesNamesOutsideThePumpIdentity(String name, byte[] csr) {
        TestPki pki = TestPki.create(AlgorithmPreset.EC_P256_SHA256);

        assertViolation(PolicyViolation.NAME_NOT_ALLOWED, () -> pki.issue(StandardProfile.PUMP, csr, TestPki.pumpIdentity(SERIAL)));
    }

    @Test
    void acceptsARequestThatRepeatsTheTrustedIdentity() {
        TestPki pki = TestPki.create(AlgorithmPreset.EC_P256_SHA256);
        byte[] csr = TestCsr.forKey(pki.pumpKey()).subject("CN=" + SERIAL + ", SERIALNUMBER=" + SERIAL)
                .altName(HardwareModuleNameSan.encode(new ASN1ObjectIdentifier(TestPki.HARDWARE_TYPE), SERIAL)).der();

        X509CertificateHolder certificate = pki.issue(StandardProfile.PUMP, csr, TestPki.pumpIdentity(SERIAL));

        assertEquals(SERIAL, IssuedCertificate.of(certificate).commonName());
    }

    @Test
    void refusesACertificateThatWouldOutliveTheIssuingCa() {
        TestPki pki = TestPki.withIssuingValidity(AlgorithmPreset.EC_P256_SHA256, Duration.ofDays(365));

        assertViolation(PolicyViolation.VALIDITY_PAST_ISSUER, () -> pki.issuePump(SERIAL));
    }

    @Test
    void refusesToIssueBeforeTheIssuingCaIsValid() {
        TestPki pki = TestPki.create(AlgorithmPreset.EC_P256_SHA256);
        byte[] csr = TestCsr.forKey(pki.pumpKey()).subject("CN=" + SERIAL).der();

        assertViolation(PolicyViolation.VALIDITY_BEFORE_ISSUER,
                () -> pki.issue(StandardProfile.PUMP, csr, TestPki.pumpIdentity(SERIAL), TestPki.NOW.minus(Duration.ofDays(1))));
    }

    @Test
    void cannotBeBuiltWithoutAHardwareType() {
        ProfileSettings settings = ProfileSettings.defaults();

        assertThrows(IllegalStateException.class, () -> StandardProfile.PUMP.create(settings));
    }

    @Test
    void refusesAnIssuerSignerThatHoldsAnotherKey() {
        TestPki pki = TestPki.create(AlgorithmPreset.EC_P256_SHA256);
        UntrustedCsr csr = UntrustedCsr.parse(TestCsr.forKey(pki.pumpKey()).subject("CN=" + SERIAL).der(), KeyPolicy.DEFAULT);
        IssuanceRequest request = IssuanceRequest.fromCsr(csr, TestPki.pumpIdentity(SERIAL), pki.issuingCa(), pki.now(), pki.nextSerial());

        assertThrows(SigningException.class, () -> StandardProfile.PUMP.create(pki.settings()).issue(request, pki.rootSigner()));
    }

    private static IssuedCertificate pumpWithMacPlacement(MacAddressPlacement placement) {
        ProfileSettings settings = TestPki.defaultSettings().macAddressPlacement(placement).build();
        return IssuedCertificate.of(TestPki.create(AlgorithmPreset.EC_P256_SHA256, TestPki.NOW, settings).issuePump(SERIAL));
    }

    static void assertViolation(PolicyViolation expected, Executable action) {
        assertEquals(expected, assertThrows(PolicyViolationException.class, action).violation());
    }
}
