package org.pumppki.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the application reaches its database, as Quarkus properties. With a migration login, Flyway
 * migrates as that role (the owner of the schema) and the application runs as a role that owns
 * nothing: after each migration it is granted the rows it works with, and on the audit log only
 * insert and select. Without one, a single role does both, as older installations did.
 */
public record DatasourceSettings(String jdbcUrl, Optional<DatabaseLogin> application, Optional<DatabaseLogin> migration) {

    /** The Flyway placeholder the after-migration grants read; {@link #NO_APPLICATION_ROLE} skips them. */
    static final String APPLICATION_ROLE_PLACEHOLDER = "quarkus.flyway.placeholders.application_role";
    static final String NO_APPLICATION_ROLE = "-";

    public Map<String, String> quarkusProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl);
        application.ifPresent(login -> {
            properties.put("quarkus.datasource.username", login.username());
            if (login.password() != null) {
                properties.put("quarkus.datasource.password", login.password());
            }
        });
        if (migration.isPresent() && application.isPresent()) {
            properties.put("quarkus.flyway.username", migration.get().username());
            if (migration.get().password() != null) {
                properties.put("quarkus.flyway.password", migration.get().password());
            }
            properties.put(APPLICATION_ROLE_PLACEHOLDER, application.get().username());
        }
        return properties;
    }
}
