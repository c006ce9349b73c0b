package org.pumppki.server.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.SchemaOwner;

/**
 * Decommissioning revokes every certificate of a device in one transaction: when the database
 * fails part-way (here a trigger that the schema owner installs for this device only refuses the
 * second revocation), nothing of it remains: no certificate revoked, the device still in service,
 * no audit event. A relying party never sees half a decommissioning.
 */
@QuarkusTest
class DecommissionAtomicityTest {

    @Test
    void aFailurePartWayLeavesNoCertificateRevokedAndNothingAudited() throws SQLException {
        String serial = Fixtures.serial("ATOM");
        String deviceId = Devices.registerPump(serial);
        List<String> certificates = IntStream.range(0, 3)
                .mapToObj(i -> Devices.enroll(deviceId, Devices.csr(Devices.newKey(), "CN=" + serial)).getString("serial"))
                .toList();

        try (FailingSecondRevocation failure = new FailingSecondRevocation(deviceId)) {
            as(Role.BIOMED).post("/api/v1/devices/" + deviceId + "/decommission")
                    .then().statusCode(greaterThanOrEqualTo(500));
            assertEquals(2, failure.revocationsAttempted(), "the failure came after a first revocation");
        }

        as(Role.AUDITOR).get("/api/v1/devices/" + deviceId).then().statusCode(200).body("state", equalTo("in-service"));
        for (String certificate : certificates) {
            as(Role.AUDITOR).get("/api/v1/certificates/" + certificate).then().body("status", equalTo("valid"));
            as(Role.AUDITOR).queryParam("targetId", certificate).queryParam("action", "certificate.revoked")
                    .get("/api/v1/audit").then().body("total", equalTo(0));
        }
        as(Role.AUDITOR).queryParam("targetId", deviceId).queryParam("action", "device.decommissioned")
                .get("/api/v1/audit").then().body("total", equalTo(0));

        as(Role.BIOMED).post("/api/v1/devices/" + deviceId + "/decommission")
                .then().statusCode(200).body("state", equalTo("decommissioned"));
    }

    /** A row trigger, owned by the schema owner, that counts this device's revocations and refuses the second. */
    private static final class FailingSecondRevocation implements AutoCloseable {

        private final String suffix = Long.toHexString(System.nanoTime());

        FailingSecondRevocation(String deviceId) throws SQLException {
            execute("CREATE SEQUENCE injected_failure_" + suffix,
                    "CREATE FUNCTION injected_failure_" + suffix + "() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$"
                            + " BEGIN"
                            + " IF NEW.device_id = '" + deviceId + "' AND NEW.status = 'revoked' AND OLD.status <> 'revoked'"
                            + " AND nextval('injected_failure_" + suffix + "') = 2 THEN"
                            + " RAISE EXCEPTION 'injected failure part-way through the decommissioning';"
                            + " END IF;"
                            + " RETURN NEW;"
                            + " END $$",
                    "CREATE TRIGGER injected_failure_" + suffix + " BEFORE UPDATE ON certificate"
                            + " FOR EACH ROW EXECUTE FUNCTION injected_failure_" + suffix + "()");
        }

        long revocationsAttempted() throws SQLException {
            try (Connection owner = SchemaOwner.connect(); Statement sql = owner.createStatement();
                    var value = sql.executeQuery("SELECT last_value FROM injected_failure_" + suffix)) {
                value.next();
                return value.getLong(1);
            }
        }

        @Override
        public void close() throws SQLException {
            execute("DROP TRIGGER injected_failure_" + suffix + " ON certificate",
                    "DROP FUNCTION injected_failure_" + suffix + "()",
                    "DROP SEQUENCE injected_failure_" + suffix);
        }

        private static void execute(String... statements) throws SQLException {
            try (Connection owner = SchemaOwner.connect(); Statement sql = owner.createStatement()) {
                for (String statement : statements) {
                    sql.execute(statement);
                }
            }
        }
    }
}
