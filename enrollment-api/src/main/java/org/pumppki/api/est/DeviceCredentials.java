package org.pumppki.api.est;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.pumppki.ca.service.Failure;
import org.pumppki.ca.service.PkiException;

/**
 * How a pump authenticates an enrollment: HTTP Basic with its serial and one-time code, or the
 * certificate chain it presented in the TLS handshake (a manufacturer's device certificate).
 */
record DeviceCredentials(Optional<BasicCredentials> basic, List<X509Certificate> clientChain) {

    /** @throws PkiException {@code UNAUTHENTICATED} when the request carries neither */
    static DeviceCredentials of(HttpHeaders headers, HttpServerRequest request) {
        Optional<BasicCredentials> basic = BasicCredentials.from(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
        List<X509Certificate> chain = clientChain(request);
        if (basic.isEmpty() && chain.isEmpty()) {
            throw new PkiException(Failure.UNAUTHENTICATED, "credentials-required",
                    "Authenticate with HTTP Basic (device serial and enrollment code) or a manufacturer device certificate.");
        }
        return new DeviceCredentials(basic, chain);
    }

    /** The certificates the client presented in the TLS handshake, leaf first; empty without mutual TLS. */
    static List<X509Certificate> clientChain(HttpServerRequest request) {
        SSLSession session = request.sslSession();
        if (session == null) {
            return List.of();
        }
        try {
            Certificate[] certificates = session.getPeerCertificates();
            return Arrays.stream(certificates).filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }
}
