package org.pumppki.scheduler.notify;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.store.NotificationDelivery;

/**
 * POSTs a notification's JSON to a configured webhook, signed: {@code X-PumpPKI-Signature:
 * sha256=<hex HMAC-SHA256 of the body under the webhook's secret>}, so that the receiver can check
 * that PumpPKI sent it and nobody changed it. {@code X-PumpPKI-Delivery} names the delivery, the
 * same on every retry, for receivers that deduplicate.
 */
@ApplicationScoped
public class WebhookSender {

    public static final String SIGNATURE_HEADER = "X-PumpPKI-Signature";
    public static final String DELIVERY_HEADER = "X-PumpPKI-Delivery";

    private final PkiConfig.Notifications config;
    private final HttpClient client;

    WebhookSender(PkiConfig config) {
        this.config = config.notifications();
        this.client = HttpClient.newBuilder().connectTimeout(this.config.webhookTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends once; throws with a reason a person can act on when the receiver did not accept it. */
    void send(NotificationDelivery delivery) throws IOException, InterruptedException {
        PkiConfig.Webhook webhook = config.webhooks().get(delivery.target);
        if (webhook == null) {
            throw new IOException("webhook " + delivery.target + " is no longer configured");
        }
        byte[] body = delivery.payload.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.url()))
                .timeout(config.webhookTimeout())
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, "sha256=" + signature(webhook.secret(), body))
                .header(DELIVERY_HEADER, String.valueOf(delivery.id))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("webhook " + delivery.target + " answered HTTP " + response.statusCode());
        }
    }

    /** Hex of HMAC-SHA256 of {@code body} under {@code secret}. */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
