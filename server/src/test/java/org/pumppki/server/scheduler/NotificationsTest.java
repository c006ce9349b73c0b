package org.pumppki.server.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumppki.server.testing.Api.as;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.EnrolledPump;
import org.pumppki.server.testing.NotificationTestResource;
import org.pumppki.server.testing.ShiftableClock;
import org.pumppki.server.testing.WebhookReceiver;

/**
 * Notifications against a real SMTP server (GreenMail) and a webhook receiver that checks the HMAC
 * signature. Retries follow the application's clock: the test moves it past each backoff and runs
 * the delivery job, instead of waiting.
 */
@QuarkusTest
class NotificationsTest {

    @Inject
    ShiftableClock clock;

    private GreenMail smtp;
    private WebhookReceiver receiver;

    @BeforeEach
    void startReceivers() throws Exception {
        int port = ConfigProvider.getConfig().getValue(NotificationTestResource.SMTP_PORT, Integer.class);
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        receiver = WebhookReceiver.start(ConfigProvider.getConfig().getValue(NotificationTestResource.WEBHOOK_URL, String.class),
                NotificationTestResource.WEBHOOK_SECRET);
    }

    @AfterEach
    void stopReceivers() {
        clock.reset();
        receiver.close();
        smtp.stop();
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheThirdRetryAndEverySignatureChecksOut() {
        long flagId = expiringFlag("HOOK", 29);
        receiver.failFirst(flagId, 2);

        SchedulerJobs.run("notification-delivery");
        assertEquals(List.of(503), answers(flagId), "first attempt");
        SchedulerJobs.run("notification-delivery");
        assertEquals(List.of(503), answers(flagId), "the retry waits for its backoff");

        clock.shift(Duration.ofMinutes(1));
        SchedulerJobs.run("notification-delivery");
        assertEquals(List.of(503, 503), answers(flagId), "second attempt after one minute");
        clock.shift(Duration.ofMinutes(1));
        SchedulerJobs.run("notification-delivery");
        assertEquals(List.of(503, 503), answers(flagId), "the backoff doubled");
        clock.shift(Duration.ofMinutes(1));
        SchedulerJobs.run("notification-delivery");
        assertEquals(List.of(503, 503, 204), answers(flagId), "the third try is accepted");

        List<WebhookReceiver.Call> calls = receiver.callsAbout(flagId);
        assertTrue(calls.stream().allMatch(WebhookReceiver.Call::signatureValid));
        assertTrue(calls.stream().allMatch(call -> "flag.raised".equals(call.event())));
        assertEquals(1, calls.stream().map(WebhookReceiver.Call::delivery).distinct().count(), "one delivery, retried");
        assertTrue(as(Role.AUDITOR).get("/q/metrics").then().statusCode(200).extract().asString()
                .contains("pumppki_notifications_failed_total{channel=\"webhook\"}"), "failed attempts are counted");

        clock.shift(Duration.ofHours(1));
        SchedulerJobs.run("notification-delivery");
        assertEquals(3, receiver.callsAbout(flagId).size(), "delivered once, never again");
    }

    @Test
    void theSmtpServerReceivesTheDailyDigest() throws Exception {
        EnrolledPump pump = EnrolledPump.enroll("DIGEST");
        Instant notAfter = pump.certificate().getNotAfter().toInstant();
        clock.shift(Duration.between(clock.instant(), notAfter).minus(Duration.ofDays(20)));
        SchedulerJobs.run("expiry-scan");

        SchedulerJobs.run("notification-digest");
        SchedulerJobs.run("notification-delivery");

        assertTrue(smtp.waitForIncomingEmail(10_000, 1), "the digest arrived");
        MimeMessage digest = Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> subject(message).startsWith("[PumpPKI] Daily digest"))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no digest among the e-mails"));
        assertEquals(NotificationTestResource.MAIL_TO, digest.getAllRecipients()[0].toString());
        String body = GreenMailUtil.getBody(digest);
        assertTrue(body.contains(pump.serial()), body);
        assertTrue(body.contains("Renew the certificate before it expires."), body);
    }

    private long expiringFlag(String prefix, int daysLeft) {
        EnrolledPump pump = EnrolledPump.enroll(prefix);
        Instant notAfter = pump.certificate().getNotAfter().toInstant();
        clock.shift(Duration.between(clock.instant(), notAfter).minus(Duration.ofDays(daysLeft)));
        SchedulerJobs.run("expiry-scan");
        Map<String, Object> flag = SchedulerJobs.flags("expiring", pump.serial(), "open").getMap("items[0]");
        return ((Number) flag.get("id")).longValue();
    }

    private List<Integer> answers(long flagId) {
        return receiver.callsAbout(flagId).stream().map(WebhookReceiver.Call::answered).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
