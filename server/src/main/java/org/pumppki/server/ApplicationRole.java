package org.pumppki.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The role the application runs as on the embedded PostgreSQL: it logs in, owns nothing and holds
 * no administrative attribute. What it may do with each table is granted after every migration
 * (see {@code db/migration/afterMigrate.sql}); on the audit log, insert and select only.
 */
final class ApplicationRole {

    private ApplicationRole() {
    }

    /** Creates the role if it is missing and (re)sets its attributes and password. */
    static void ensure(Connection superuser, DatabaseLogin application) throws SQLException {
        String role = quoteIdentifier(application.username());
        try (Statement statement = superuser.createStatement()) {
            statement.execute("DO $$ BEGIN "
                    + "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = " + quoteLiteral(application.username()) + ") "
                    + "THEN CREATE ROLE " + role + "; END IF; END $$");
            statement.execute("ALTER ROLE " + role + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
                    + " NOREPLICATION NOBYPASSRLS PASSWORD " + quoteLiteral(application.password()));
        }
    }

    private static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
