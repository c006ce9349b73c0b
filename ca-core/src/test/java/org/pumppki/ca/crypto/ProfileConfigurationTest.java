package org.pumppki.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileConfigurationTest {

    @ParameterizedTest
    @ValueSource(strings = {"{serial", "serial}", "{unknown}", "{}", "", "{serial}{"})
    void refusesBrokenCommonNameTemplates(String template) {
        assertThrows(IllegalArgumentException.class, () -> CommonNameTemplate.parse(template));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{serial}|SN-1",
            "pump-{serial}|pump-SN-1",
            "{manufacturer}/{model}/{serial}|ACME/P9/SN-1",
            "{macAddress}|00-1A-2B-3C-4D-5E"})
    void rendersTemplatesFromTheIdentity(String template, String expected) {
        TrustedIdentity identity = TrustedIdentity.builder().deviceSerial("SN-1").manufacturer("ACME").model("P9")
                .macAddress(MacAddress.parse("00:1a:2b:3c:4d:5e")).build();

        assertEquals(expected, CommonNameTemplate.parse(template).render(identity));
    }

    @Test
    void refusesToRenderWhatTheIdentityLacks() {
        TrustedIdentity identity = TrustedIdentity.builder().deviceSerial("SN-1").build();

        assertEquals(PolicyViolation.IDENTITY_INCOMPLETE, assertThrows(PolicyViolationException.class,
                () -> CommonNameTemplate.parse("{model}-{serial}").render(identity)).violation());
    }

    @Test
    void refusesCommonNamesOverSixtyFourCharacters() {
        TrustedIdentity identity = TrustedIdentity.builder().deviceSerial("S".repeat(60)).build();

        assertEquals(PolicyViolation.NAME_NOT_ALLOWED, assertThrows(PolicyViolationException.class,
                () -> CommonNameTemplate.parse("pump-{serial}").render(identity)).violation());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "00:1a:2b:3c:4d:5e|00-1A-2B-3C-4D-5E",
            "00-1A-2B-3C-4D-5E|00-1A-2B-3C-4D-5E",
            "001a.2b3c.4d5e|00-1A-2B-3C-4D-5E",
            "001A2B3C4D5E|00-1A-2B-3C-4D-5E"})
    void parsesMacAddressesInEveryCommonNotation(String text, String canonical) {
        MacAddress mac = MacAddress.parse(text);

        assertEquals(canonical, mac.toString());
        assertEquals("00:1a:2b:3c:4d:5e", mac.colonSeparated());
    }

    @ParameterizedTest
    @ValueSource(strings = {"00:1a:2b:3c:4d", "00:1a-2b:3c:4d:5e", "gg:1a:2b:3c:4d:5e", "00:1a:2b:3c:4d:5e:6f", ""})
    void refusesMalformedMacAddresses(String text) {
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.hospital.example", "-bad.example", "bad_.example", "a..b", ""})
    void refusesHostNamesThatAreNotHostNames(String name) {
        assertThrows(IllegalArgumentException.class, () -> TrustedIdentity.builder().dnsName(name));
    }

    @Test
    void canonicalisesRegisteredHostNames() {
        assertEquals(List.of("radius.hospital.example"), TrustedIdentity.builder().dnsName("RADIUS.Hospital.Example.").build().dnsNames());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUMP_1", "", "Ünïcode"})
    void refusesDeviceSerialsOutsidePrintableString(String serial) {
        assertThrows(IllegalArgumentException.class, () -> TrustedIdentity.builder().deviceSerial(serial));
    }

    @ParameterizedTest
    @CsvSource({
            "https://pki.example/ocsp, http://pki.example/ca.cer, http://pki.example/ca.crl",
            "http://pki.example/ocsp, ldap://pki.example/ca, http://pki.example/ca.crl",
            "http://pki.example/ocsp, http://pki.example/ca.cer, /relative.crl"})
    void publicationUrlsMustBeAbsoluteHttp(String ocsp, String caIssuers, String crl) {
        assertThrows(IllegalArgumentException.class, () -> new PublicationUrls(ocsp, caIssuers, crl));
    }

    @Test
    void settingsRefuseOversizedSsidsAndLongBackdates() {
        assertThrows(IllegalArgumentException.class, () -> ProfileSettings.builder().wlanSsids(List.of("x".repeat(33))).build());
        assertThrows(IllegalArgumentException.class, () -> ProfileSettings.builder().wlanSsids(List.of("")).build());
        assertThrows(IllegalArgumentException.class, () -> ProfileSettings.builder().backdate(Duration.ofDays(2)).build());
        assertThrows(IllegalArgumentException.class,
                () -> ProfileSettings.builder().validity(StandardProfile.PUMP, Duration.ZERO).build());
    }

    @Test
    void settingsDefaultToTheProfileValidities() {
        ProfileSettings settings = ProfileSettings.defaults();

        assertEquals(Duration.ofDays(730), settings.validity(StandardProfile.PUMP));
        assertEquals(Duration.ofDays(365), settings.validity(StandardProfile.PUMP_SERVER));
        assertEquals(Duration.ofDays(365), settings.validity(StandardProfile.RADIUS_SERVER));
        assertEquals(Duration.ofDays(7), settings.validity(StandardProfile.OCSP_RESPONDER));
        assertEquals(Duration.ZERO, settings.backdate());
        assertEquals(MacAddressPlacement.NONE, settings.macAddressPlacement());
    }
}
