package org.pumppki.ca.service.authority;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.crypto.PublicationUrls;

/**
 * The plain-HTTP URLs that certificates point to and the server answers on: the OCSP responder,
 * each CA's certificate (caIssuers) and CRL. RADIUS servers fetch {@code http://} URLs.
 */
@ApplicationScoped
public class PublicUrls {

    public static final String OCSP_PATH = "/ocsp";
    public static final String CA_PATH = "/ca/";
    public static final String CRL_PATH = "/crl/";

    private final PkiConfig config;

    PublicUrls(PkiConfig config) {
        this.config = config;
    }

    public String base() {
        return config.publicBaseUrl().filter(url -> !url.isBlank()).map(PublicUrls::withoutTrailingSlash)
                .orElseGet(() -> "http://localhost:" + httpPort());
    }

    public String ocsp() {
        return base() + OCSP_PATH;
    }

    public String caCertificate(String caName) {
        return base() + CA_PATH + caName + ".crt";
    }

    public String crl(String caName) {
        return base() + CRL_PATH + caName + ".crl";
    }

    public PublicationUrls forCa(String caName) {
        return new PublicationUrls(ocsp(), caCertificate(caName), crl(caName));
    }

    /** The port the HTTP server listens on; when configured as 0, Quarkus records the one it got. */
    private static int httpPort() {
        String property = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return ConfigProvider.getConfig().getOptionalValue(property, Integer.class).orElse(8080);
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
