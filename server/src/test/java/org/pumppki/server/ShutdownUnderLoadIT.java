package org.pumppki.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.Https;
import org.pumppki.server.testing.PostgresProcesses;
import org.pumppki.server.testing.ServerApi;
import org.pumppki.server.testing.ServerProcess;

/**
 * SIGTERM while clients are asking OCSP questions and enrolling pumps against the packaged server.
 * Every request either completes or is refused cleanly: 503 while the server drains, or no
 * connection once it has closed its port. Nothing else (no other 5xx, no half answer), no
 * certificate handed out without its record (each one is found after a restart on the same data),
 * and the OCSP lookups answered before the stop are all counted in the database.
 */
class ShutdownUnderLoadIT {

    private static final int OCSP_CLIENTS = 2;
    private static final int ENROLLMENT_CLIENTS = 2;
    /** Requests each client completes before the signal, so that the signal lands under load. */
    private static final int WARM_UP_REQUESTS = 3;
    private static final Duration WARM_UP_BOUND = Duration.ofSeconds(120);
    /** Generous: a stop that needs more than this is a hang. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(60);
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ERROR_LINE = Pattern.compile("^\\S+ \\S+ ERROR ");

    @TempDir
    Path workDir;

    /** What one request came to. */
    private enum Outcome { COMPLETED, DRAINING_503, NOT_CONNECTED, CLOSED_WITHOUT_ANSWER, UNEXPECTED }

    private record Result(String client, Outcome outcome, String detail) {
    }

    private record HttpAnswer(int status, byte[] body) {
    }

    private final List<Result> results = Collections.synchronizedList(new ArrayList<>());
    private final List<String> issuedSerials = Collections.synchronizedList(new ArrayList<>());

    @Test
    void requestsInProgressCompleteAndLaterOnesAreRefusedCleanly() throws Exception {
        Path dataDir = workDir.resolve("data");
        Map<String, String> env = Map.of("PKI_DATA_DIR", dataDir.toString());
        ServerApi api;
        long ocspAnswered;
        try (ServerProcess server = ServerProcess.start(workDir, env)) {
            api = new ServerApi(server, Files.readString(dataDir.resolve("initial-admin-password")).strip());
            SSLContext tls = tlsTrusting(api.root());
            JsonPath pump = api.enrolledPump(Fixtures.serial("LOAD-OCSP"));

            CountDownLatch warmedUp = new CountDownLatch(OCSP_CLIENTS + ENROLLMENT_CLIENTS);
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < OCSP_CLIENTS; i++) {
                String name = "ocsp-" + i;
                clients.add(client(name, warmedUp, server.process(), () -> askOcsp(server.baseUrl(), pump)));
            }
            for (int i = 0; i < ENROLLMENT_CLIENTS; i++) {
                String name = "enroll-" + i;
                clients.add(client(name, warmedUp, server.process(), () -> enroll(api, tls)));
            }
            clients.forEach(Thread::start);
            assertTrue(warmedUp.await(WARM_UP_BOUND.toMillis(), TimeUnit.MILLISECONDS), "clients under way: " + summary());

            int mark = server.outputLines();
            long signalled = System.nanoTime();
            server.sigterm();
            boolean exited = server.process().waitFor(EXIT_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            System.out.printf("PumpPKI exited %d ms after SIGTERM under load%n", (System.nanoTime() - signalled) / 1_000_000);
            for (Thread client : clients) {
                client.join(TIMEOUT_MILLIS * 2L);
            }
            assertTrue(exited, "PumpPKI still running " + EXIT_BOUND + " after SIGTERM");
            System.out.println("Outcomes: " + summary());

            List<Result> unexpected = results.stream().filter(r -> r.outcome() == Outcome.UNEXPECTED).toList();
            assertEquals(List.of(), unexpected, "every request completes or is refused cleanly");
            ocspAnswered = count("ocsp-", Outcome.COMPLETED);
            assertTrue(ocspAnswered >= OCSP_CLIENTS * (long) WARM_UP_REQUESTS, summary());
            assertTrue(count("enroll-", Outcome.COMPLETED) >= ENROLLMENT_CLIENTS * (long) WARM_UP_REQUESTS, summary());
            assertEquals(List.of(), PostgresProcesses.runningOn(dataDir.resolve("postgres")));
            List<String> output = server.awaitOutputEnd();
            List<String> afterSignal = output.subList(mark, output.size());
            assertEquals(List.of(), afterSignal.stream().filter(line -> ERROR_LINE.matcher(line).find()).toList(),
                    "no ERROR on the way down:\n" + String.join("\n", afterSignal));
        }

        // Every lookup answered before the stop was written on the way down.
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir.resolve("postgres"));
                Connection connection = database.connect(database.application());
                Statement statement = connection.createStatement();
                ResultSet lookups = statement.executeQuery("SELECT coalesce(sum(lookups), 0) FROM ocsp_lookup")) {
            lookups.next();
            assertTrue(lookups.getLong(1) >= ocspAnswered,
                    lookups.getLong(1) + " lookups recorded, " + ocspAnswered + " answered");
        }

        try (ServerProcess restarted = ServerProcess.start(workDir, env)) {
            ServerApi again = new ServerApi(restarted, api.adminPassword());
            for (String serial : List.copyOf(issuedSerials)) {
                again.admin().get("/api/v1/certificates/" + serial).then().statusCode(200);
            }
            restarted.terminate();
        }
    }

    @Test
    void readinessGoesDownFirstWhileRequestsAreStillServed() throws Exception {
        Map<String, String> env = Map.of("PKI_DATA_DIR", workDir.resolve("data").toString(), "PKI_SHUTDOWN_DELAY", "10s");
        try (ServerProcess server = ServerProcess.start(workDir, env)) {
            assertEquals(200, get(server.baseUrl() + "/q/health/ready"));
            server.sigterm();
            long deadline = System.nanoTime() + EXIT_BOUND.toNanos();
            int readiness = get(server.baseUrl() + "/q/health/ready");
            while (readiness == 200 && System.nanoTime() - deadline < 0 && !exitedWithin(server.process(), Duration.ofMillis(50))) {
                readiness = get(server.baseUrl() + "/q/health/ready");
            }
            assertEquals(503, readiness, "readiness reports DOWN after SIGTERM");
            assertEquals(200, get(server.baseUrl() + "/q/health/live"), "requests are still served during the delay");
            assertTrue(server.process().waitFor(EXIT_BOUND.toMillis(), TimeUnit.MILLISECONDS), "exits after the delay");
        }
    }

    private static SSLContext tlsTrusting(X509Certificate root) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(Https.trustStoreOf(root));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static int get(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(TIMEOUT_MILLIS);
        connection.setReadTimeout(TIMEOUT_MILLIS);
        connection.setRequestProperty("Connection", "close");
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    /** A client thread: repeats its request until the server has exited and refuses connections. */
    private Thread client(String name, CountDownLatch warmedUp, Process server, RequestLoop request) {
        Thread thread = new Thread(() -> {
            int completed = 0;
            while (true) {
                Result result;
                try {
                    result = request.once();
                } catch (Exception e) {
                    result = new Result(name, Outcome.UNEXPECTED, e.toString());
                }
                result = new Result(name, result.outcome(), result.detail());
                results.add(result);
                if (result.outcome() == Outcome.COMPLETED && ++completed == WARM_UP_REQUESTS) {
                    warmedUp.countDown();
                }
                if (result.outcome() == Outcome.NOT_CONNECTED && exitedWithin(server, Duration.ofMillis(100))) {
                    return;
                }
                if (result.outcome() == Outcome.UNEXPECTED && completed < WARM_UP_REQUESTS) {
                    warmedUp.countDown();
                    return;
                }
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Port closed: the process is on its way out; wait for that rather than hammer the port. */
    private static boolean exitedWithin(Process server, Duration bound) {
        try {
            return server.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @FunctionalInterface
    private interface RequestLoop {
        Result once() throws Exception;
    }

    private Result askOcsp(String baseUrl, JsonPath pump) throws Exception {
        byte[] request = ocspRequest(pump).getEncoded();
        return classify("ocsp", () -> post(baseUrl + "/ocsp", null, "application/ocsp-request", request, null),
                answer -> {
                    OCSPResp response = new OCSPResp(answer.body());
                    if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                        return "OCSP status " + response.getStatus();
                    }
                    BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
                    return basic.getResponses()[0].getCertStatus() == null ? null : "not good";
                });
    }

    /** The admin API is on HTTPS, its certificate issued by PumpPKI's root. */
    private Result enroll(ServerApi api, SSLContext tls) throws Exception {
        String serial = Fixtures.serial("LOAD-PUMP");
        Result registered = classify("enroll", () -> post(api.httpsUrl() + "/api/v1/devices", tls, "application/json",
                Fixtures.pumpJson(serial).getBytes(StandardCharsets.UTF_8), api.adminPassword()), answer -> null);
        if (registered.outcome() != Outcome.COMPLETED) {
            return registered;
        }
        String id = JsonPath.from(registered.detail()).getString("id");
        String csr = Devices.csr(Devices.newKey(), "CN=" + serial);
        String body = "{\"csr\": \"" + csr.replace("\n", "\\n") + "\"}";
        Result enrolled = classify("enroll", () -> post(api.httpsUrl() + "/api/v1/devices/" + id + "/certificates", tls,
                "application/json", body.getBytes(StandardCharsets.UTF_8), api.adminPassword()), answer -> {
                    JsonPath issued = JsonPath.from(new String(answer.body(), StandardCharsets.UTF_8));
                    Pem.readCertificates(issued.getString("certificate"));
                    issuedSerials.add(issued.getString("serial"));
                    return null;
                });
        return enrolled;
    }

    @FunctionalInterface
    private interface Call {
        HttpAnswer send() throws IOException;
    }

    @FunctionalInterface
    private interface AnswerCheck {
        /** Null if the answer is what a completed request gives, else what is wrong with it. */
        String problem(HttpAnswer answer) throws Exception;
    }

    private static Result classify(String client, Call call, AnswerCheck check) throws Exception {
        HttpAnswer answer;
        try {
            answer = call.send();
        } catch (ConnectException e) {
            return new Result(client, Outcome.NOT_CONNECTED, e.getMessage());
        } catch (IOException e) {
            // Accepted by the kernel but closed unanswered as the port closed: refused, nothing done
            // that the client was told about.
            return new Result(client, Outcome.CLOSED_WITHOUT_ANSWER, e.toString());
        }
        if (answer.status() == 503) {
            return new Result(client, Outcome.DRAINING_503, "503");
        }
        if (answer.status() != 200 && answer.status() != 201) {
            return new Result(client, Outcome.UNEXPECTED, "HTTP " + answer.status() + ": "
                    + new String(answer.body(), StandardCharsets.UTF_8));
        }
        String problem = check.problem(answer);
        return problem == null
                ? new Result(client, Outcome.COMPLETED, new String(answer.body(), StandardCharsets.UTF_8))
                : new Result(client, Outcome.UNEXPECTED, problem);
    }

    /** One request on a connection of its own, so that no request rides on a connection the server is closing. */
    private static HttpAnswer post(String url, SSLContext tls, String contentType, byte[] body, String adminPassword)
            throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        if (connection instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(tls.getSocketFactory());
        }
        connection.setConnectTimeout(TIMEOUT_MILLIS);
        connection.setReadTimeout(TIMEOUT_MILLIS);
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Connection", "close");
        connection.setRequestProperty("Content-Type", contentType);
        if (adminPassword != null) {
            connection.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8)));
        }
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        byte[] answer = stream == null ? new byte[0] : stream.readAllBytes();
        connection.disconnect();
        return new HttpAnswer(status, answer);
    }

    /** A RADIUS server's question: SHA-1 CertID and a fresh nonce. */
    private static OCSPReq ocspRequest(JsonPath pump) throws Exception {
        X509CertificateHolder issuer = Pem.readCertificates(pump.getString("chain[0]")).get(0);
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                issuer, new BigInteger(pump.getString("serial"), 16));
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return new OCSPReqBuilder().addRequest(id)
                .setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                        new DEROctetString(new DEROctetString(nonce).getEncoded()))))
                .build();
    }

    private long count(String clientPrefix, Outcome outcome) {
        synchronized (results) {
            return results.stream().filter(r -> r.client().startsWith(clientPrefix) && r.outcome() == outcome).count();
        }
    }

    private String summary() {
        synchronized (results) {
            return results.stream()
                    .collect(Collectors.groupingBy(r -> r.client() + "/" + r.outcome(), Collectors.counting()))
                    .toString();
        }
    }
}
