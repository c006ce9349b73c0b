package org.pumppki.server;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.smallrye.config.PropertiesConfigSourceLoader;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.jboss.logging.Logger;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Starts PumpPKI. Without {@code pki.db.url} it first starts the embedded PostgreSQL under the
 * data directory and hands its URL to the datasource; it stops that database after the application
 * has stopped, including after SIGTERM.
 */
@QuarkusMain
public final class PumpPkiMain {

    private static final Logger LOG = Logger.getLogger(PumpPkiMain.class);
    private static final long DATABASE_STOP_TIMEOUT_SECONDS = 60;
    private static final String DEFAULT_LOG_FORMAT = "%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c{2.}] (%t) %s%e%n";

    private PumpPkiMain() {
    }

    public static void main(String... args) {
        SmallRyeConfig config = bootConfig();
        Path dataDir = config.getOptionalValue("pki.data-dir", Path.class).orElse(Path.of("data"));
        ConsoleSessionKey.provide(config, dataDir);
        Optional<String> externalUrl = config.getOptionalValue("pki.db.url", String.class).filter(u -> !u.isBlank());
        if (externalUrl.isPresent()) {
            useDatasource(new DatasourceSettings(externalUrl.get(),
                    login(config, "pki.db.username", "pki.db.password"),
                    login(config, "pki.db.migration-username", "pki.db.migration-password")));
            Quarkus.run(args);
            return;
        }
        System.exit(runWithEmbeddedDatabase(dataDir.resolve("postgres"), config, args));
    }

    private static int runWithEmbeddedDatabase(Path databaseDir, SmallRyeConfig config, String... args) {
        // The JVM halts once every shutdown hook has returned; this one holds it until the
        // database below has been stopped by the main thread.
        CountDownLatch databaseStopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitQuietly(databaseStopped), "embedded-postgres-stop"));
        try {
            LOG.infof("Starting the embedded PostgreSQL in %s", databaseDir.toAbsolutePath());
            EmbeddedDatabase database = EmbeddedDatabase.start(databaseDir);
            try {
                useDatasource(database.datasourceSettings());
                AtomicInteger exitCode = new AtomicInteger();
                Quarkus.run(null, (code, failure) -> {
                    if (failure != null) {
                        LOG.error("PumpPKI could not start: " + rootCause(failure).getMessage(), failure);
                    }
                    exitCode.set(code);
                }, args);
                return exitCode.get();
            } finally {
                logToConsoleAfterQuarkus(config);
                LOG.info("Stopping the embedded PostgreSQL");
                long started = System.nanoTime();
                database.close();
                LOG.infof("The embedded PostgreSQL stopped in %d ms", (System.nanoTime() - started) / 1_000_000);
            }
        } finally {
            databaseStopped.countDown();
        }
    }

    /**
     * Quarkus closes its log handlers when it stops, and the database stops after that; how it
     * stopped, and above all whether it had to be forced, must still reach the log.
     */
    private static void logToConsoleAfterQuarkus(SmallRyeConfig config) {
        String format = config.getOptionalValue("quarkus.log.console.format", String.class).orElse(DEFAULT_LOG_FORMAT);
        ConsoleHandler console = new ConsoleHandler(new PatternFormatter(format));
        console.setLevel(Level.INFO);
        LogContext.getLogContext().getLogger("").addHandler(console);
    }

    /** The sources Quarkus itself reads, enough to find the database before Quarkus starts. */
    private static SmallRyeConfig bootConfig() {
        ClassLoader loader = PumpPkiMain.class.getClassLoader();
        return new SmallRyeConfigBuilder()
                .addDefaultSources()
                .addDefaultInterceptors()
                .withSources(PropertiesConfigSourceLoader.inClassPath("application.properties", 250, loader))
                .withSources(PropertiesConfigSourceLoader.inFileSystem("config/application.properties", 260, loader))
                .build();
    }

    private static void useDatasource(DatasourceSettings settings) {
        settings.quarkusProperties().forEach(System::setProperty);
    }

    private static Optional<DatabaseLogin> login(SmallRyeConfig config, String username, String password) {
        return config.getOptionalValue(username, String.class).filter(u -> !u.isBlank())
                .map(u -> new DatabaseLogin(u, config.getOptionalValue(password, String.class).orElse(null)));
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(DATABASE_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
