package org.pumppki.server.testing;

import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * REST Assured requests to the HTTPS listener of the {@code @QuarkusTest} application, verifying its
 * certificate against PumpPKI's root CA fetched from {@code /ca/root.crt}, as the README tells users to.
 */
public final class Https {

    private static volatile KeyStore trustStore;

    private Https() {
    }

    public static RequestSpecification given() {
        return io.restassured.RestAssured.given().baseUri("https://localhost").port(port()).trustStore(rootTrustStore());
    }

    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
    }

    /** The root CA certificate, downloaded over plain HTTP like a relying party would. */
    public static X509Certificate root() {
        try {
            byte[] der = io.restassured.RestAssured.given().get("/ca/root.crt").then().statusCode(200).extract().asByteArray();
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyStore rootTrustStore() {
        KeyStore store = trustStore;
        if (store == null) {
            store = trustStoreOf(root());
            trustStore = store;
        }
        return store;
    }

    public static KeyStore trustStoreOf(X509Certificate... anchors) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < anchors.length; i++) {
                store.setCertificateEntry("anchor-" + i, anchors[i]);
            }
            return store;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
