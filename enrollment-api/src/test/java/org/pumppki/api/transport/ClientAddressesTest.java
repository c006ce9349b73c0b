package org.pumppki.api.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(TrustedProxies.parse(List.of("10.0.0.5", "fd00::/8")));

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            "192.0.2.1 | 203.0.113.5               | 192.0.2.1",
            "10.0.0.5  | 203.0.113.5               | 203.0.113.5",
            "10.0.0.5  | 198.51.100.1, 203.0.113.5 | 203.0.113.5",
            "10.0.0.5  | 203.0.113.5, fd00::7      | 203.0.113.5",
            "10.0.0.5  | 2001:DB8:0:0::1           | 2001:db8::1",
            "10.0.0.5  | not-an-address            | 10.0.0.5",
            "10.0.0.5  | 203.0.113.5:4711          | 10.0.0.5",
            "10.0.0.5  | 999.1.1.1                 | 10.0.0.5",
            "10.0.0.5  | ''                        | 10.0.0.5",
            "10.0.0.5  | fd00::1                   | 10.0.0.5"})
    void theClientIsThePeerOrTheLastHopBeforeTheTrustedProxies(String peer, String forwardedFor, String client) {
        assertEquals(client, addresses.clientOf(peer, forwardedFor.isEmpty() ? List.of() : List.of(forwardedFor)));
    }
}
