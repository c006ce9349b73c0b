package org.pumppki.server;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pumppki.server.testing.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.Fixtures;

/**
 * The application's own connections cannot rewrite history or reach beyond the database: whoever
 * takes over the application (an injection, a stolen pool) can append to the audit log and change
 * rows, and nothing more.
 */
@QuarkusTest
class ApplicationRoleTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest
    @ValueSource(strings = {
        "UPDATE audit_event SET actor = 'someone-else'",
        "DELETE FROM audit_event",
        "TRUNCATE audit_event",
        "ALTER TABLE audit_event DISABLE TRIGGER ALL",
        "DROP TRIGGER tr_audit_event_append_only ON audit_event",
        "ALTER TABLE certificate DISABLE TRIGGER ALL",
        "DROP TABLE ocsp_lookup",
        "CREATE TABLE planted (id int)",
        "CREATE ROLE intruder LOGIN SUPERUSER",
        "COPY (SELECT 1) TO PROGRAM 'true'",
        "SELECT pg_read_file('postgresql.conf')",
        "SET session_replication_role = replica",
        "DELETE FROM flyway_schema_history",
    })
    void isRefused(String statement) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> sql.execute(statement));
            assertEquals(INSUFFICIENT_PRIVILEGE, refused.getSQLState(), refused.getMessage());
        }
    }

    @Test
    void isNotTheOwnerNorASuperuserAndStillAppendsToTheAuditLog() throws SQLException {
        String id = as(Role.BIOMED).contentType(ContentType.JSON).body(Fixtures.pumpJson(Fixtures.serial("ROLE")))
                .post("/api/v1/devices").then().statusCode(201).extract().path("id");
        as(Role.AUDITOR).queryParam("targetId", id).get("/api/v1/audit").then().statusCode(200).body("total", equalTo(1));
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
                ResultSet role = sql.executeQuery("SELECT current_user, r.rolsuper, r.rolcreaterole, r.rolcreatedb,"
                        + " (SELECT tableowner FROM pg_tables WHERE tablename = 'audit_event')"
                        + " FROM pg_roles r WHERE r.rolname = current_user")) {
            role.next();
            assertEquals(false, role.getBoolean(2), "superuser");
            assertEquals(false, role.getBoolean(3), "may create roles");
            assertEquals(false, role.getBoolean(4), "may create databases");
            assertNotEquals(role.getString(1), role.getString(5), "owns the audit log");
        }
    }
}
