package org.pumppki.ca.service.flag;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pumppki.ca.domain.FlagKind;
import org.pumppki.ca.service.CsvDownload;
import org.pumppki.ca.service.device.DeviceCsv;
import org.pumppki.ca.store.Flag;
import org.pumppki.ca.store.FlagRepository;

/**
 * The renewal work list for biomeds: devices whose certificates are loaded by hand and expire soon
 * or have expired, with where they are, when the new certificate is due and what to do. Devices
 * that renew themselves over EST are not on it; their expiry flags show their renewal window.
 */
@ApplicationScoped
public class RenewalWorkList {

    /** One device to visit. */
    public record Item(long flagId, String severity, String deviceId, String deviceSerial, String deviceKind,
            String manufacturer, String model, String location, String certificateSerial, Instant dueAt, String todo) {

        static Item of(Flag flag) {
            String todo = flag.kind == FlagKind.EXPIRED
                    ? "Certificate expired: enroll the device and load the new certificate now"
                    : "Load a renewed certificate before " + flag.dueAt;
            return new Item(flag.id, flag.severity.label(), flag.device.id.toString(), flag.device.serial,
                    flag.device.kind.label(), flag.device.manufacturer, flag.device.model, flag.device.location,
                    flag.certificate.serialNumber, flag.dueAt, todo);
        }
    }

    private static final List<String> HEADER = List.of("dueAt", "severity", "deviceSerial", "deviceKind", "manufacturer",
            "model", "location", "certificateSerial", "todo", "deviceId", "flagId");
    private static final CsvMapper MAPPER = new CsvMapper();

    private final FlagRepository flags;

    RenewalWorkList(FlagRepository flags) {
        this.flags = flags;
    }

    @Transactional
    public List<Item> items() {
        return flags.manualRenewals().stream().map(Item::of).toList();
    }

    /** The work list as a CSV file to download, read now: what the console and the API both send. */
    @Transactional
    public CsvDownload csv() {
        List<Item> items = items();
        return new CsvDownload("renewal-work-list.csv", out -> writeCsv(items, out));
    }

    /** The work list as CSV (RFC 4180), header first. */
    static void writeCsv(List<Item> items, Writer out) throws IOException {
        CsvSchema schema = CsvSchema.builder().addColumns(HEADER, CsvSchema.ColumnType.STRING).build().withHeader();
        List<Map<String, String>> rows = new ArrayList<>();
        for (Item item : items) {
            List<String> cells = List.of(String.valueOf(item.dueAt()), item.severity(), item.deviceSerial(),
                    item.deviceKind(), item.manufacturer(), item.model(), nullToEmpty(item.location()),
                    item.certificateSerial(), item.todo(), item.deviceId(), String.valueOf(item.flagId()));
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                row.put(HEADER.get(i), DeviceCsv.neutralizeFormula(cells.get(i)));
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            // Jackson writes the header with the first row; an empty list still gets its header.
            out.write(String.join(",", HEADER) + "\n");
            out.flush();
            return;
        }
        MAPPER.writer(schema).writeValues(out).writeAll(rows).flush();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
