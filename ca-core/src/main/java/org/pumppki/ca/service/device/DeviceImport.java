package org.pumppki.ca.service.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.InvalidFieldsException;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;
import org.pumppki.ca.store.Device;
import org.pumppki.ca.store.DeviceRepository;

/**
 * Registers many devices from a CSV file. Each row is checked on its own and reported as accepted
 * or rejected with reasons. In all-or-nothing mode one rejected row rejects the file.
 */
@ApplicationScoped
public class DeviceImport {

    /** How rejected rows affect the others. */
    public enum Mode {
        /** Register every acceptable row. */
        PARTIAL,
        /** Register nothing unless every row is acceptable. */
        ALL_OR_NOTHING
    }

    /** A row that was not registered, with why. */
    public record RejectedRow(long line, String serial, String reason) {
    }

    /** What happened to each row. */
    public record Report(int rows, List<String> acceptedIds, List<RejectedRow> rejected, boolean committed) {
    }

    /** Thrown in all-or-nothing mode: nothing was registered. */
    public static class RejectedImportException extends PkiException {
        private final Report report;

        RejectedImportException(Report report) {
            super(org.pumppki.ca.service.Failure.INVALID_INPUT, "import-rejected",
                    report.rejected().size() + " of " + report.rows() + " rows are invalid; nothing was imported.");
            this.report = report;
        }

        public Report report() {
            return report;
        }
    }

    /** Told how far an import has come: {@code done} of {@code total} steps (each row is checked, then stored). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> {
        };

        void advanced(int done, int total);
    }

    private final DeviceInventory inventory;
    private final DeviceRepository devices;
    private final AuditLog auditLog;

    DeviceImport(DeviceInventory inventory, DeviceRepository devices, AuditLog auditLog) {
        this.inventory = inventory;
        this.devices = devices;
        this.auditLog = auditLog;
    }

    @Transactional
    public Report importCsv(Actor actor, Reader csv, Mode mode) {
        return importCsv(actor, csv, mode, Progress.NONE);
    }

    /** As {@link #importCsv(Actor, Reader, Mode)}, telling {@code progress} after every row checked and stored. */
    @Transactional
    public Report importCsv(Actor actor, Reader csv, Mode mode, Progress progress) {
        List<DeviceCsv.Row> rows = DeviceCsv.read(csv);
        int steps = rows.size() * 2;
        int done = 0;
        List<Device> accepted = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (DeviceCsv.Row row : rows) {
            try {
                Device device = inventory.newDevice(row.details());
                String key = device.manufacturer.toLowerCase(Locale.ROOT) + "\u0000" + device.serial;
                if (!seen.add(key)) {
                    rejected.add(new RejectedRow(row.line(), device.serial, "serial: appears more than once in this file"));
                } else if (!ServerDevices.mayAdminister(actor, device.kind)) {
                    rejected.add(new RejectedRow(row.line(), device.serial, "kind: only an administrator registers a "
                            + device.kind.label()));
                } else if (devices.findBySerial(device.manufacturer, device.serial).isPresent()) {
                    rejected.add(new RejectedRow(row.line(), device.serial, "serial: already registered for this manufacturer"));
                } else {
                    accepted.add(device);
                }
            } catch (InvalidFieldsException e) {
                rejected.add(new RejectedRow(row.line(), row.details().serial(), e.summary()));
            }
            progress.advanced(++done, steps);
        }
        if (mode == Mode.ALL_OR_NOTHING && !rejected.isEmpty()) {
            throw new RejectedImportException(new Report(rows.size(), List.of(), rejected, false));
        }
        List<String> ids = new ArrayList<>();
        for (Device device : accepted) {
            devices.persist(device);
            auditLog.record(actor, AuditAction.DEVICE_REGISTERED, device.id.toString(), DeviceInventory.describe(device));
            ids.add(device.id.toString());
            progress.advanced(++done, steps);
        }
        progress.advanced(steps, steps);
        auditLog.record(actor, AuditAction.DEVICES_IMPORTED, null,
                Map.of("rows", rows.size(), "imported", ids.size(), "rejected", rejected.size(), "mode", mode.name()));
        return new Report(rows.size(), ids, rejected, true);
    }
}
