package org.pumppki.server.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.pumppki.ca.domain.SchedulerJob;

/**
 * Scheduler and notification settings of the {@code @QuarkusTest} application: no job runs on its
 * own (tests run them through the API, with the clock where they want it), e-mail goes to an SMTP
 * server and webhooks to a receiver that the notification tests start on the ports chosen here.
 */
public class NotificationTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String WEBHOOK = "test-receiver";
    public static final String WEBHOOK_SECRET = "webhook-test-secret-0123456789";
    public static final String MAIL_TO = "biomed-team@hospital.example";
    public static final String SMTP_PORT = "pki.notifications.mail.port";
    public static final String WEBHOOK_URL = "pki.notifications.webhooks." + WEBHOOK + ".url";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (SchedulerJob job : SchedulerJob.values()) {
            config.put("pki.scheduler." + job.label() + ".cron", "off");
        }
        config.put("pki.notifications.mail.host", "127.0.0.1");
        config.put(SMTP_PORT, String.valueOf(freePort()));
        config.put("pki.notifications.mail.start-tls", "DISABLED");
        config.put("pki.notifications.mail.to", MAIL_TO);
        config.put(WEBHOOK_URL, "http://127.0.0.1:" + freePort() + "/hook");
        config.put("pki.notifications.webhooks." + WEBHOOK + ".secret", WEBHOOK_SECRET);
        return config;
    }

    @Override
    public void stop() {
    }

    /** A port the operating system has just handed out, for a server the test starts later. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
