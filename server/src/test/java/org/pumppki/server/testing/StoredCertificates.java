package org.pumppki.server.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the database holds about the certificates of devices whose serial starts with a prefix, read
 * over JDBC as an auditor of the store would: each certificate's fingerprint, device and whether
 * its issuance has a successful audit event.
 */
public record StoredCertificates(Map<String, Stored> bySerial, List<String> duplicateSerials) {

    /** One certificate row. */
    public record Stored(String serial, String sha256Fingerprint, String deviceId, boolean issuanceAudited) {
    }

    public static StoredCertificates of(Connection connection, String deviceSerialPrefix) throws SQLException {
        Map<String, Stored> bySerial = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT c.serial_number, c.sha256_fingerprint, c.device_id,
                       EXISTS (SELECT 1 FROM audit_event a WHERE a.action = 'certificate.issued'
                               AND a.outcome = 'success' AND a.target_id = c.serial_number) AS audited
                FROM certificate c JOIN device d ON d.id = c.device_id
                WHERE d.serial LIKE ? || '%'""")) {
            query.setString(1, deviceSerialPrefix);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Stored stored = new Stored(rows.getString(1), rows.getString(2).trim(), rows.getString(3), rows.getBoolean(4));
                    bySerial.put(stored.serial(), stored);
                }
            }
        }
        List<String> duplicates = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT serial_number FROM certificate GROUP BY serial_number HAVING count(*) > 1");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                duplicates.add(rows.getString(1));
            }
        }
        return new StoredCertificates(Map.copyOf(bySerial), List.copyOf(duplicates));
    }
}
