package org.pumppki.ca.service.revocation;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.pumppki.ca.service.ScheduledWork;
import org.pumppki.ca.service.authority.CaBootstrap;
import org.pumppki.ca.service.certificate.CertificateChanged;

/**
 * Keeps the OCSP status index of every replica current. The transaction that changes a certificate
 * sends a PostgreSQL notification, delivered to all listeners when it commits; each replica listens
 * on a dedicated connection and re-reads the certificate. When that connection breaks the index is
 * marked degraded, and after reconnecting it is reloaded whole, so nothing missed meanwhile is lost.
 */
@ApplicationScoped
public class CertificateChangeNotifications {

    static final String CHANNEL = "pki_certificate_changed";
    private static final Logger LOG = Logger.getLogger(CertificateChangeNotifications.class);
    private static final int POLL_MILLIS = 2_000;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);

    private final OcspStatusIndex index;
    private final EntityManager entityManager;
    private final Config config;
    private volatile boolean running;
    private volatile Connection listening;
    private Thread listener;

    CertificateChangeNotifications(OcspStatusIndex index, EntityManager entityManager, Config config) {
        this.index = index;
        this.entityManager = entityManager;
        this.config = config;
    }

    /** Announces the change to every replica; PostgreSQL delivers it only if the transaction commits. */
    void announce(@Observes(during = TransactionPhase.IN_PROGRESS) CertificateChanged change) {
        entityManager.createNativeQuery("SELECT pg_notify(?1, ?2)")
                .setParameter(1, CHANNEL)
                .setParameter(2, change.issuerId() + ":" + change.serialNumber())
                .getSingleResult();
    }

    void start(@Observes @Priority(CaBootstrap.PRIORITY + 10) StartupEvent event) {
        index.reload();
        running = true;
        listener = new Thread(this::listen, "ocsp-index-listener");
        listener.setDaemon(true);
        listener.start();
    }

    /**
     * Ends the listener before the datasource closes: closing its connection wakes it from the wait
     * for notifications at once, and it does not reconnect.
     */
    void stop(@Observes @Priority(ScheduledWork.STOP_PRIORITY) ShutdownEvent event) {
        running = false;
        if (listener == null) {
            return;
        }
        listener.interrupt();
        abort(listening);
        try {
            listener.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (listener.isAlive()) {
            LOG.warnf("The OCSP index listener did not end within %s", STOP_TIMEOUT);
        }
    }

    private void listen() {
        Duration backoff = Duration.ofMillis(250);
        boolean reloadNeeded = false;
        while (running) {
            try (Connection connection = connect()) {
                listening = connection;
                if (!running) {
                    return;
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (reloadNeeded) {
                    index.reload();
                    LOG.info("Database reachable again; the OCSP status index was reloaded");
                }
                index.markDegraded(false);
                reloadNeeded = false;
                backoff = Duration.ofMillis(250);
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!index.degraded()) {
                    LOG.warnf("Lost the database connection (%s); OCSP answers from the in-memory index until it returns",
                            e.getMessage());
                }
                index.markDegraded(true);
                reloadNeeded = true;
                if (!pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications == null || notifications.length == 0) {
                // A dead connection only shows when used.
                try (Statement heartbeat = connection.createStatement()) {
                    heartbeat.execute("SELECT 1");
                }
                continue;
            }
            for (PGNotification notification : notifications) {
                apply(notification.getParameter());
            }
        }
    }

    private void apply(String payload) {
        int colon = payload.indexOf(':');
        if (colon < 0) {
            return;
        }
        index.refresh(payload.substring(0, colon), new BigInteger(payload.substring(colon + 1), 16));
    }

    /** Closes the socket under a thread that may be blocked reading it (JDBC's abort). */
    private static void abort(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            // It is being abandoned anyway.
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(u -> properties.setProperty("user", u));
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "10");
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class), properties);
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
