package org.pumppki.ca.service.device;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.store.Device;

/**
 * The CSV form of the inventory: a header row naming the columns, one device per row. Host names
 * are separated by spaces or semicolons inside their cell. Exported cells that a spreadsheet would
 * take for a formula are prefixed with an apostrophe.
 */
public final class DeviceCsv {

    /** Columns in export order; the first four are required on import. */
    public static final List<String> COLUMNS = List.of(
            "kind", "serial", "manufacturer", "model", "udi", "macAddress", "firmware", "location", "state",
            "hostnames", "certificateStatus", "certificateNotAfter");
    private static final Set<String> REQUIRED = Set.of("kind", "serial", "manufacturer", "model");
    private static final Set<String> IMPORTED = Set.copyOf(COLUMNS.subList(0, 10));
    private static final Set<String> EXPORT_ONLY = Set.copyOf(COLUMNS.subList(10, COLUMNS.size()));
    static final int MAX_ROWS = 100_000;

    private static final CsvMapper MAPPER = new CsvMapper();

    /** One data row: its line number in the file and its cells. */
    public record Row(long line, DeviceDetails details) {
    }

    private DeviceCsv() {
    }

    /** Reads all rows, or refuses the whole file if its header or structure is wrong. */
    public static List<Row> read(Reader csv) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnReordering(false);
        try (MappingIterator<Map<String, String>> rows = MAPPER.readerForMapOf(String.class)
                .with(schema).with(CsvParser.Feature.TRIM_SPACES).with(CsvParser.Feature.SKIP_EMPTY_LINES)
                .with(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS)
                .readValues(csv)) {
            checkHeader(((CsvSchema) rows.getParserSchema()).getColumnNames());
            List<Row> result = new ArrayList<>();
            while (rows.hasNextValue()) {
                long line = rows.getCurrentLocation().getLineNr();
                Map<String, String> cells = rows.nextValue();
                if (result.size() == MAX_ROWS) {
                    throw PkiException.invalidInput("csv-too-large", "A CSV import takes at most " + MAX_ROWS + " rows.");
                }
                result.add(new Row(line, details(cells)));
            }
            return result;
        } catch (RuntimeJsonMappingException | IOException e) {
            throw PkiException.invalidInput("malformed-csv", "The CSV cannot be read: " + firstLine(e.getMessage()));
        }
    }

    public static void writeHeader(Writer out) {
        writeLine(out, COLUMNS);
    }

    public static void write(Writer out, Device device, String certificateStatus, String certificateNotAfter) {
        writeLine(out, Arrays.asList(device.kind.label(), device.serial, device.manufacturer, device.model, device.udi,
                device.macAddress, device.firmware, device.location, device.state.label(),
                String.join(" ", device.hostnames), certificateStatus, certificateNotAfter));
    }

    private static void checkHeader(List<String> columns) {
        if (columns.isEmpty()) {
            throw PkiException.invalidInput("malformed-csv", "The CSV has no header row.");
        }
        Set<String> unknown = new TreeSet<>(columns);
        unknown.removeAll(IMPORTED);
        unknown.removeAll(EXPORT_ONLY);
        if (!unknown.isEmpty()) {
            throw PkiException.invalidInput("malformed-csv", "Unknown CSV columns " + unknown + "; known columns are " + COLUMNS + ".");
        }
        Set<String> missing = new TreeSet<>(REQUIRED);
        missing.removeAll(columns);
        if (!missing.isEmpty()) {
            throw PkiException.invalidInput("malformed-csv", "The CSV header lacks the required columns " + missing + ".");
        }
    }

    private static DeviceDetails details(Map<String, String> cells) {
        String hostnames = cells.get("hostnames");
        List<String> names = hostnames == null || hostnames.isBlank() ? null
                : Arrays.stream(hostnames.split("[;\\s]+")).filter(s -> !s.isEmpty()).toList();
        return new DeviceDetails(cells.get("kind"), cells.get("serial"), cells.get("manufacturer"), cells.get("model"),
                cells.get("udi"), cells.get("macAddress"), cells.get("firmware"), cells.get("location"),
                cells.get("state"), names);
    }

    private static void writeLine(Writer out, List<String> cells) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            row.put(COLUMNS.get(i), neutralizeFormula(cells.get(i)));
        }
        try {
            CsvSchema schema = CsvSchema.builder().addColumns(COLUMNS, CsvSchema.ColumnType.STRING).build();
            out.write(MAPPER.writer(schema).writeValueAsString(row));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cell as text a spreadsheet shows rather than evaluates. */
    public static String neutralizeFormula(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + cell : cell;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
