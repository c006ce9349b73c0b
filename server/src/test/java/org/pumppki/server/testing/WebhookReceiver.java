package org.pumppki.server.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver as an operator would write one: it checks the HMAC-SHA256 signature of every
 * body before believing it, and it can be told to fail the first calls about a flag.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One call: the flag it was about, whether its signature checked out, and what was answered. */
    public record Call(long flagId, String event, boolean signatureValid, int answered, String delivery) {
    }

    private final HttpServer server;
    private final byte[] secret;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<Long, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server, String secret) {
        this.server = server;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public static WebhookReceiver start(String url, String secret) throws IOException {
        URI uri = URI.create(url);
        HttpServer server = HttpServer.create(new InetSocketAddress(uri.getHost(), uri.getPort()), 0);
        WebhookReceiver receiver = new WebhookReceiver(server, secret);
        server.createContext(uri.getPath(), receiver::handle);
        server.start();
        return receiver;
    }

    /** The next {@code times} calls about this flag are answered 503. */
    public void failFirst(long flagId, int times) {
        failuresLeft.put(flagId, new AtomicInteger(times));
    }

    public List<Call> callsAbout(long flagId) {
        return calls.stream().filter(call -> call.flagId() == flagId).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String signature = exchange.getRequestHeaders().getFirst("X-PumpPKI-Signature");
        boolean valid = signature != null && MessageDigest.isEqual(
                signature.getBytes(StandardCharsets.US_ASCII), ("sha256=" + hmac(body)).getBytes(StandardCharsets.US_ASCII));
        int status;
        long flagId = -1;
        String event = null;
        if (!valid) {
            status = 401;
        } else {
            JsonPath json = new JsonPath(new String(body, StandardCharsets.UTF_8));
            flagId = json.getLong("flag.id");
            event = json.getString("event");
            AtomicInteger left = failuresLeft.get(flagId);
            status = left != null && left.getAndDecrement() > 0 ? 503 : 204;
        }
        calls.add(new Call(flagId, event, valid, status, exchange.getRequestHeaders().getFirst("X-PumpPKI-Delivery")));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
