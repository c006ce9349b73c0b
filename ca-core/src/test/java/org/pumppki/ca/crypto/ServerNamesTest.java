package org.pumppki.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Server host names as registered, and the permitted names that bound them. */
class ServerNamesTest {

    private static final PermittedNames HOSPITAL = PermittedNames.parse(
            List.of("hospital.example", ".lab.example", "10.20.0.0/16", "192.0.2.7", "2001:db8:20::/48"));

    @ParameterizedTest
    @CsvSource({
        "Pumps.Hospital.Example., pumps.hospital.example, dns",
        "1pumps.hospital.example, 1pumps.hospital.example, dns",
        "10-20-0-15.hospital.example, 10-20-0-15.hospital.example, dns",
        "radius, radius, dns",
        "10.20.0.15, 10.20.0.15, ip",
        "2001:DB8:20::1, 2001:db8:20:0:0:0:0:1, ip"})
    void parsesDnsNamesAndAddressLiteralsWithoutAskingDns(String text, String canonical, String kind) {
        ServerName name = ServerName.parse(text);

        assertEquals(canonical, name.text());
        assertEquals(kind.equals("ip"), name.ipAddress().isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.hospital.example", "pumps.*.example", "*"})
    void refusesWildcardsWithAMessageThatSaysSo(String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ServerName.parse(text));

        assertTrue(refused.getMessage().contains("wildcard"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-bad.example", "bad_.example", "a..b", "10.20.0", "10.20.0.256", "1.2.3.4.5", "fe80::1::2",
        "host.example:443"})
    void refusesWhatIsNeitherANameNorAnAddress(String text) {
        assertThrows(IllegalArgumentException.class, () -> ServerName.parse(text));
    }

    @ParameterizedTest
    @CsvSource({
        "hospital.example, true",
        "pumps.hospital.example, true",
        "a.b.lab.example, true",
        "evilhospital.example, false",
        "hospital.example.evil.example, false",
        "10.20.255.1, true",
        "10.21.0.1, false",
        "192.0.2.7, true",
        "192.0.2.8, false",
        "2001:db8:20:ffff::1, true",
        "2001:db8:21::1, false"})
    void permitsNamesBelowASuffixAndAddressesInsideARange(String text, boolean permitted) {
        assertEquals(permitted, HOSPITAL.permits(ServerName.parse(text)));
    }

    @Test
    void onlySuffixesConfiguredPermitsNoAddress() {
        PermittedNames dnsOnly = PermittedNames.parse(List.of("hospital.example"));

        assertFalse(dnsOnly.permits(ServerName.parse("10.20.0.15")));
        assertTrue(dnsOnly.permits(ServerName.parse("radius.hospital.example")));
    }

    @Test
    void noEntriesPermitEverything() {
        PermittedNames none = PermittedNames.parse(List.of(" ", ""));

        assertTrue(none.isUnrestricted());
        assertTrue(none.permits(ServerName.parse("anything.example")));
        assertTrue(none.permits(ServerName.parse("203.0.113.9")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.hospital.example", "10.20.0.0/33", "hospital.example/8", "10.20.0.0/x", "bad_.example"})
    void refusesEntriesThatAreNeitherSuffixNorRange(String entry) {
        assertThrows(IllegalArgumentException.class, () -> PermittedNames.parse(List.of(entry)));
    }
}
