package org.pumppki.ca.service.flag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.service.CsvDownload;

/** The work list's CSV as the console and the API send it, to the byte. */
class RenewalWorkListCsvTest {

    private static final Instant DUE = Instant.parse("2026-03-01T08:00:00Z");

    private static String download(List<RenewalWorkList.Item> items) throws IOException {
        CsvDownload csv = new CsvDownload("renewal-work-list.csv", out -> RenewalWorkList.writeCsv(items, out));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        csv.writeTo(body);
        return body.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anEmptyListIsItsHeaderAlone() throws IOException {
        assertEquals("dueAt,severity,deviceSerial,deviceKind,manufacturer,model,location,certificateSerial,todo,deviceId,"
                + "flagId\n", download(List.of()));
    }

    @Test
    void rowsQuoteSeparatorsKeepUtf8AndDisarmFormulas() throws IOException {
        List<RenewalWorkList.Item> items = List.of(
                new RenewalWorkList.Item(42, "warning", "6f0c2a52-4d1e-4c43-9d55-0d7f3c1b2a10", "PCU-0001", "pump",
                        "Acme Infusion", "=HYPERLINK(\"x\")", "Station 3 – Süd, bay 2", "0a1b2c", DUE,
                        "Load a renewed certificate before " + DUE),
                new RenewalWorkList.Item(43, "critical", "0b7e5d1c-9a2f-4e8b-8c61-3f2a1d0e9b77", "PCU-0002", "pump",
                        "Acme Infusion", "Alaris 8015", null, "0d0e0f", DUE,
                        "Certificate expired: enroll the device and load the new certificate now"));

        assertEquals("""
                dueAt,severity,deviceSerial,deviceKind,manufacturer,model,location,certificateSerial,todo,deviceId,flagId
                2026-03-01T08:00:00Z,warning,PCU-0001,pump,"Acme Infusion","'=HYPERLINK(""x"")","Station 3 – Süd, bay 2",\
                0a1b2c,"Load a renewed certificate before 2026-03-01T08:00:00Z","6f0c2a52-4d1e-4c43-9d55-0d7f3c1b2a10",42
                2026-03-01T08:00:00Z,critical,PCU-0002,pump,"Acme Infusion","Alaris 8015",,0d0e0f,\
                "Certificate expired: enroll the device and load the new certificate now",\
                "0b7e5d1c-9a2f-4e8b-8c61-3f2a1d0e9b77",43
                """, download(items));
    }

    @Test
    void theDownloadIsSavedUnderItsFileName() {
        assertEquals("attachment; filename=\"renewal-work-list.csv\"",
                new CsvDownload("renewal-work-list.csv", out -> { }).contentDisposition());
    }
}
