package org.pumppki.server.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.pumppki.server.DatabaseLogin;
import org.pumppki.server.DatasourceSettings;
import org.pumppki.server.EmbeddedDatabase;

/**
 * One PostgreSQL for every {@code @QuarkusTest} of the test JVM: the embedded one on a random port
 * in a temporary directory, or the external one named by {@code PKI_TEST_DB_URL}, with the
 * application's role in {@code PKI_TEST_DB_USERNAME} and {@code PKI_TEST_DB_PASSWORD} and the
 * schema's owner in {@code PKI_TEST_DB_MIGRATION_USERNAME} and {@code PKI_TEST_DB_MIGRATION_PASSWORD}.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** The password of the bootstrap {@code admin} in tests. */
    public static final String ADMIN_PASSWORD = "admin-test-password-0";

    private static EmbeddedDatabase embedded;
    private static Path dataDir;

    @Override
    public synchronized Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        Optional<String> externalUrl = Optional.ofNullable(System.getenv("PKI_TEST_DB_URL")).filter(u -> !u.isBlank());
        try {
            if (dataDir == null) {
                dataDir = Files.createTempDirectory("pumppki-test-data");
            }
            if (externalUrl.isPresent()) {
                config.putAll(new DatasourceSettings(externalUrl.get(),
                        login("PKI_TEST_DB_USERNAME", "PKI_TEST_DB_PASSWORD"),
                        login("PKI_TEST_DB_MIGRATION_USERNAME", "PKI_TEST_DB_MIGRATION_PASSWORD")).quarkusProperties());
            } else {
                if (embedded == null) {
                    embedded = EmbeddedDatabase.start(dataDir.resolve("postgres"));
                }
                config.putAll(embedded.datasourceSettings().quarkusProperties());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("pki.data-dir", dataDir.toString());
        config.put("pki.bootstrap.admin-password", ADMIN_PASSWORD);
        // Server names in tests live under these; anything else is outside the policy.
        config.put("pki.profiles.server.permitted-names", "hospital.example,test,10.20.0.0/16,2001:db8:20::/48");
        // Every test signs in from 127.0.0.1; the per-source limit is covered by a unit test.
        config.put("pki.security.sign-in.max-failures-per-source", "100000");
        return config;
    }

    @Override
    public synchronized void stop() {
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }

    private static Optional<DatabaseLogin> login(String username, String password) {
        return Optional.ofNullable(System.getenv(username)).filter(u -> !u.isBlank())
                .map(u -> new DatabaseLogin(u, System.getenv(password)));
    }
}
