package org.pumppki.ca.service.device;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.io.Reader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
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
 *
 * <p>Every registration appends to the audit chain, whose head stays locked until the transaction
 * commits; while it is locked every other state change of the CA (an enrollment, the revocation of a
 * stolen pump) waits. A partial import therefore stores its rows in chunks of {@link #CHUNK_ROWS},
 * each in a transaction of its own. An all-or-nothing import is one transaction by definition: it
 * stores every device first and audits them last, so that the chain is locked as briefly as it can be.
 */
@ApplicationScoped
public class DeviceImport {

    /** Rows stored per transaction in partial mode: short enough that a revocation waits a moment, not the file. */
    static final int CHUNK_ROWS = 100;

    /**
     * Time an all-or-nothing import may take: the largest accepted file ({@link DeviceCsv#MAX_ROWS} rows)
     * at 60 ms per row, the pace at which a thousand-row import overran the default 60 s on a loaded server.
     */
    static final Duration ALL_OR_NOTHING_TIMEOUT = Duration.ofMillis(60L * DeviceCsv.MAX_ROWS);

    private static final Logger LOG = Logger.getLogger(DeviceImport.class);

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

    /**
     * Told how far an import has come: {@code done} of {@code total} steps (each row is checked, then
     * stored). Never told inside a transaction that holds the audit chain, so a slow listener delays
     * only the import.
     */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> {
        };

        void advanced(int done, int total);
    }

    /** A row that passed its checks, with the device it becomes. */
    private record AcceptedRow(long line, Device device) {
    }

    private final DeviceInventory inventory;
    private final DeviceRepository devices;
    private final AuditLog auditLog;

    DeviceImport(DeviceInventory inventory, DeviceRepository devices, AuditLog auditLog) {
        this.inventory = inventory;
        this.devices = devices;
        this.auditLog = auditLog;
    }

    public Report importCsv(Actor actor, Reader csv, Mode mode) {
        return importCsv(actor, csv, mode, Progress.NONE);
    }

    /**
     * As {@link #importCsv(Actor, Reader, Mode)}, telling {@code progress} after every row checked and
     * stored. Runs in transactions of its own, whatever transaction the caller has.
     */
    public Report importCsv(Actor actor, Reader csv, Mode mode, Progress progress) {
        List<DeviceCsv.Row> rows = DeviceCsv.read(csv);
        StepCounter steps = new StepCounter(rows.size() * 2, progress);
        RowChecks checks = new RowChecks(actor);
        Report report;
        if (mode == Mode.ALL_OR_NOTHING) {
            report = QuarkusTransaction.requiringNew().timeout((int) ALL_OR_NOTHING_TIMEOUT.toSeconds())
                    .call(() -> allOrNothing(actor, rows, checks, steps));
            steps.advance(report.acceptedIds().size());
        } else {
            report = partial(actor, rows, checks, steps);
        }
        steps.finish();
        return report;
    }

    private Report allOrNothing(Actor actor, List<DeviceCsv.Row> rows, RowChecks checks, StepCounter steps) {
        List<AcceptedRow> accepted = checks.check(rows, steps);
        if (!checks.rejected.isEmpty()) {
            throw new RejectedImportException(new Report(rows.size(), List.of(), checks.rejected, false));
        }
        List<String> ids = store(actor, accepted);
        auditImport(actor, rows.size(), ids.size(), 0, Mode.ALL_OR_NOTHING);
        return new Report(rows.size(), ids, List.of(), true);
    }

    private Report partial(Actor actor, List<DeviceCsv.Row> rows, RowChecks checks, StepCounter steps) {
        List<AcceptedRow> accepted = new ArrayList<>();
        for (List<DeviceCsv.Row> chunk : chunks(rows)) {
            // Reads only: the duplicate checks see what other chunks and requests have committed.
            accepted.addAll(QuarkusTransaction.requiringNew().call(() -> checks.check(chunk, steps)));
        }
        List<RejectedRow> rejected = new ArrayList<>(checks.rejected);
        List<String> ids = new ArrayList<>();
        for (List<AcceptedRow> chunk : chunks(accepted)) {
            try {
                ids.addAll(QuarkusTransaction.requiringNew().call(() -> store(actor, chunk)));
            } catch (PersistenceException | QuarkusTransactionException e) {
                LOG.infof("Device import by %s: the database refused lines %d-%d (%s); they were not stored",
                        actor.name(), chunk.get(0).line(), chunk.get(chunk.size() - 1).line(), rootCause(e));
                chunk.forEach(row -> rejected.add(notStored(row, chunk)));
            }
            steps.advance(chunk.size());
        }
        rejected.sort(Comparator.comparingLong(RejectedRow::line));
        QuarkusTransaction.requiringNew().run(
                () -> auditImport(actor, rows.size(), ids.size(), rejected.size(), Mode.PARTIAL));
        return new Report(rows.size(), ids, rejected, true);
    }

    /** Stores one chunk: the inserts first, then their audit events, which lock the chain head until commit. */
    private List<String> store(Actor actor, List<AcceptedRow> chunk) {
        chunk.forEach(row -> devices.persist(row.device()));
        devices.flush();
        return audit(actor, chunk);
    }

    private List<String> audit(Actor actor, List<AcceptedRow> stored) {
        List<String> ids = new ArrayList<>(stored.size());
        for (AcceptedRow row : stored) {
            auditLog.record(actor, AuditAction.DEVICE_REGISTERED, row.device().id.toString(),
                    DeviceInventory.describe(row.device()));
            ids.add(row.device().id.toString());
        }
        return ids;
    }

    private void auditImport(Actor actor, int rows, int imported, int rejected, Mode mode) {
        auditLog.record(actor, AuditAction.DEVICES_IMPORTED, null,
                Map.of("rows", rows, "imported", imported, "rejected", rejected, "mode", mode.name()));
    }

    private static RejectedRow notStored(AcceptedRow row, List<AcceptedRow> chunk) {
        return new RejectedRow(row.line(), row.device().serial, "not stored: the database refused lines "
                + chunk.get(0).line() + "-" + chunk.get(chunk.size() - 1).line()
                + " together (one of them may have been registered at the same time); import these rows again");
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += CHUNK_ROWS) {
            chunks.add(items.subList(from, Math.min(items.size(), from + CHUNK_ROWS)));
        }
        return chunks;
    }

    /** The database's own words stay in the log: they name tables and constraints. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** The checks of each row, with what they need to remember across the file. */
    private final class RowChecks {
        private final Actor actor;
        private final Set<String> seen = new HashSet<>();
        private final List<RejectedRow> rejected = new ArrayList<>();

        RowChecks(Actor actor) {
            this.actor = actor;
        }

        /** The acceptable rows as new devices; the others are added to {@link #rejected}. */
        List<AcceptedRow> check(List<DeviceCsv.Row> rows, StepCounter steps) {
            List<AcceptedRow> accepted = new ArrayList<>();
            for (DeviceCsv.Row row : rows) {
                try {
                    Device device = inventory.newDevice(row.details());
                    String key = device.manufacturer.toLowerCase(Locale.ROOT) + "\u0000" + device.serial;
                    if (!seen.add(key)) {
                        reject(row, device.serial, "serial: appears more than once in this file");
                    } else if (!ServerDevices.mayAdminister(actor, device.kind)) {
                        reject(row, device.serial, "kind: only an administrator registers a " + device.kind.label());
                    } else if (devices.findBySerial(device.manufacturer, device.serial).isPresent()) {
                        reject(row, device.serial, "serial: already registered for this manufacturer");
                    } else {
                        accepted.add(new AcceptedRow(row.line(), device));
                    }
                } catch (InvalidFieldsException e) {
                    reject(row, row.details().serial(), e.summary());
                }
                steps.advance(1);
            }
            return accepted;
        }

        private void reject(DeviceCsv.Row row, String serial, String reason) {
            rejected.add(new RejectedRow(row.line(), serial, reason));
        }
    }

    /** The import's steps done so far, told to its {@link Progress}. */
    private static final class StepCounter {
        private final int total;
        private final Progress progress;
        private int done;

        StepCounter(int total, Progress progress) {
            this.total = total;
            this.progress = progress;
        }

        void advance(int count) {
            for (int i = 0; i < count; i++) {
                progress.advanced(++done, total);
            }
        }

        /** Rejected rows have no storing step: the end is the end. */
        void finish() {
            progress.advanced(total, total);
        }
    }
}
