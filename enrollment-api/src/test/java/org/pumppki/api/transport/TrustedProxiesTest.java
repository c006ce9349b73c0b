package org.pumppki.api.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {

    private static final TrustedProxies PROXIES = TrustedProxies.parse(List.of("10.0.0.5", "192.168.10.0/24", "fd00::/8"));

    @ParameterizedTest
    @CsvSource({
            "10.0.0.5, true",
            "10.0.0.6, false",
            "192.168.10.1, true",
            "192.168.10.255, true",
            "192.168.11.1, false",
            "fd00::1, true",
            "fe80::1, false",
            "localhost, false",
            "proxy.example.org, false"})
    void acceptsOnlyListedAddressesAndRanges(String address, boolean trusted) {
        assertEquals(trusted, PROXIES.contains(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example.org", "10.0.0.0/33", "10.0.0.0/x", "fd00::/129"})
    void refusesNamesAndBadRanges(String entry) {
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of(entry)));
    }

    @ParameterizedTest
    @CsvSource({
            "/api/v1/me, true",
            "/api, true",
            "/.well-known/est/cacerts, true",
            "/console, true",
            "/console/devices, true",
            "/ocsp, false",
            "/crl/issuing.crl, false",
            "/ca/root.crt, false",
            "/q/health/ready, false",
            "/apiary, false"})
    void protectsTheDoorsThatCarryCredentials(String path, boolean httpsOnly) {
        assertEquals(httpsOnly, HttpsOnly.isProtected(path));
    }
}
