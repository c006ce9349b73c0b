package org.pumppki.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The admin API of one server process for many threads at once: one {@link HttpClient} that keeps
 * its HTTPS connections open, verifying the server against the root it publishes, signed in as the
 * bootstrap admin. REST Assured opens a connection per request, which would measure TLS handshakes
 * rather than the server, and REST Assured's JSON path (Groovy) costs more than the server's answer.
 */
public final class AdminClient {

    /** A request that got no HTTP answer: the connection failed or broke before the response. */
    public static final class NoAnswerException extends IOException {
        NoAnswerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An enrollment answer as the client received it. */
    public record Enrollment(String serial, String certificatePem, String issuerPem) {
    }

    /** Only bounds a hung request: on a loaded machine importing a thousand pumps takes a while. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerApi api;
    private final HttpClient client;
    private final String authorization;

    public AdminClient(ServerApi api) {
        this.api = api;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trusting(api))
                .connectTimeout(TIMEOUT).build();
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + api.adminPassword()).getBytes(StandardCharsets.UTF_8));
    }

    public ServerApi api() {
        return api;
    }

    /** Registers pumps with the given serials in one CSV import; returns their ids in the same order. */
    public List<String> importPumps(List<String> serials) throws IOException, InterruptedException {
        StringBuilder csv = new StringBuilder("kind,serial,manufacturer,model\n");
        serials.forEach(serial -> csv.append("pump,").append(serial).append(",Acme Infusion,Alaris 8015\n"));
        JsonNode report = send(request("/api/v1/devices/import?mode=all-or-nothing").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())), 200);
        List<String> ids = new ArrayList<>();
        report.get("acceptedIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** Enrolls the device with a PEM CSR; throws {@link NoAnswerException} when no HTTP answer came. */
    public Enrollment enroll(String deviceId, String csrPem) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("csr", csrPem));
        JsonNode answer = send(request("/api/v1/devices/" + deviceId + "/certificates")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), 201);
        return new Enrollment(answer.get("serial").asText(), answer.get("certificate").asText(),
                answer.get("chain").get(0).asText());
    }

    /** Revokes for keyCompromise. */
    public void revoke(String serial) throws IOException, InterruptedException {
        send(request("/api/v1/certificates/" + serial + "/revoke").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"keyCompromise\"}")), 200);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(api.httpsUrl() + path)).timeout(TIMEOUT)
                .header("Authorization", authorization).header(Api.REQUESTED_BY, "pumppki-tests")
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest.Builder request, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new NoAnswerException("No answer from " + api.httpsUrl() + ": " + e, e);
        }
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static SSLContext trusting(ServerApi api) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(Https.trustStoreOf(api.root()));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
