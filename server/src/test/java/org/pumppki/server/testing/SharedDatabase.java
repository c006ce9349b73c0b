package org.pumppki.server.testing;

import java.util.HashMap;
import java.util.Map;
import org.pumppki.server.EmbeddedDatabase;

/**
 * Points server processes at a PostgreSQL the test started itself, as they would be pointed at an
 * external one in production: the application's role, and the owner for migrations.
 */
public final class SharedDatabase {

    private SharedDatabase() {
    }

    /** {@code PKI_DB_*} for {@code database}, plus {@code more}. */
    public static Map<String, String> environment(EmbeddedDatabase database, Map<String, String> more) {
        Map<String, String> environment = new HashMap<>(more);
        environment.put("PKI_DB_URL", database.jdbcUrl());
        environment.put("PKI_DB_USERNAME", database.application().username());
        environment.put("PKI_DB_PASSWORD", database.application().password());
        environment.put("PKI_DB_MIGRATION_USERNAME", database.superuser().username());
        environment.put("PKI_DB_MIGRATION_PASSWORD", database.superuser().password());
        return environment;
    }
}
