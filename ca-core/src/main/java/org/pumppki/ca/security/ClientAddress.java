package org.pumppki.ca.security;

import io.vertx.ext.web.RoutingContext;

/**
 * The address a request came from, as the doors decided it: the TCP peer, or, when the peer is a
 * configured trusted proxy, the client that proxy named in {@code X-Forwarded-For}. Sign-in
 * throttling and the audit log use it; a request can name any address it likes in that header, so
 * it is believed from trusted proxies only.
 */
public final class ClientAddress {

    /** Routing-context key under which the transport layer stores the decided address. */
    public static final String ATTRIBUTE = "pki.client-address";

    private ClientAddress() {
    }

    /** The decided address, else the peer's, else {@code "unknown"}. */
    public static String of(RoutingContext context) {
        if (context == null) {
            return "unknown";
        }
        Object decided = context.get(ATTRIBUTE);
        if (decided instanceof String address) {
            return address;
        }
        return context.request().remoteAddress() == null ? "unknown" : context.request().remoteAddress().hostAddress();
    }
}
