package org.pumppki.api.transport;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.security.ClientAddress;

/**
 * Decides, once per request, which address it came from ({@link ClientAddress}): the TCP peer,
 * unless the peer is in {@code pki.http.trusted-proxies}; then the right-most address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy (the left-most entries are whatever the
 * client wrote).
 */
@ApplicationScoped
public class ClientAddresses {

    /** Before everything else that looks at the source. */
    private static final int ROUTE_ORDER = -1_100;

    private final TrustedProxies proxies;

    @jakarta.inject.Inject
    ClientAddresses(PkiConfig config) {
        this(TrustedProxies.parse(config.http().trustedProxies().orElse(List.of())));
    }

    ClientAddresses(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::decide);
    }

    private void decide(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.remoteAddress() != null) {
            context.put(ClientAddress.ATTRIBUTE, clientOf(request.remoteAddress().hostAddress(),
                    request.headers().getAll("X-Forwarded-For")));
        }
        context.next();
    }

    String clientOf(String peer, List<String> forwardedFor) {
        if (proxies.isEmpty() || !proxies.contains(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = forwardedFor.stream().flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::trim).filter(hop -> !hop.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = TrustedProxies.canonical(hops.get(i));
            if (hop == null) {
                return peer;
            }
            if (!proxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
