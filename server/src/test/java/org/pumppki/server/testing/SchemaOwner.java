package org.pumppki.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A connection with the rights of the role that owns the schema, as the migrations use it: what an
 * attacker who stole that role could do, which the application itself cannot.
 */
public final class SchemaOwner {

    private SchemaOwner() {
    }

    public static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.flyway.username", String.class),
                config.getOptionalValue("quarkus.flyway.password", String.class).orElse(null));
    }
}
