package org.pumppki.server.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.device.DeviceImport;
import org.pumppki.server.testing.Api;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.EnrolledPump;
import org.pumppki.server.testing.Fixtures;

/**
 * A large CSV import does not hold the audit chain for its whole length: a partial import commits
 * its rows chunk by chunk (a revocation goes through between two chunks), a chunk the database
 * refuses is reported row by row without losing the others, and every stored device keeps its
 * audit event in an intact chain.
 */
@QuarkusTest
class DeviceImportChunksTest {

    /** More rows than one chunk holds, so that an import takes several transactions. */
    private static final int ROWS = 250;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String MANUFACTURER = "Acme Infusion";

    @Inject
    DeviceImport deviceImport;

    @ParameterizedTest
    @ValueSource(strings = {"partial", "all-or-nothing"})
    void everyRowOfAFileLargerThanAChunkIsStoredWithItsAuditEventAndTheChainVerifies(String mode) {
        List<String> serials = serials("CHUNKS");

        List<String> ids = as(Role.BIOMED).contentType("text/csv").body(csv(serials)).queryParam("mode", mode)
                .post("/api/v1/devices/import")
                .then().statusCode(200)
                .body("rows", equalTo(ROWS))
                .body("acceptedIds", hasSize(ROWS))
                .body("rejected", hasSize(0))
                .extract().path("acceptedIds");

        for (String id : ids) {
            as(Role.AUDITOR).queryParam("targetId", id).queryParam("action", "device.registered").get("/api/v1/audit")
                    .then().statusCode(200).body("total", equalTo(1));
        }
        as(Role.AUDITOR).queryParam("q", serials.get(ROWS - 1)).get("/api/v1/devices").then().body("total", equalTo(1));
        as(Role.AUDITOR).get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void aRevocationDuringAPartialImportCompletesBeforeTheImportEnds() throws Exception {
        EnrolledPump stolen = EnrolledPump.enroll("STOLEN");
        List<String> serials = serials("WHILE-REVOKING");
        CountDownLatch firstChunkStored = new CountDownLatch(1);
        CountDownLatch revoked = new CountDownLatch(1);

        // The first storing step is told once the first chunk has committed; the import then waits
        // for the revocation. Had it kept the audit chain locked, the revocation would wait for it.
        CompletableFuture<DeviceImport.Report> running = CompletableFuture.supplyAsync(() -> deviceImport.importCsv(
                biomed(), new StringReader(csv(serials)), DeviceImport.Mode.PARTIAL, (done, total) -> {
                    if (done == ROWS + 1) {
                        firstChunkStored.countDown();
                        await(revoked);
                    }
                }));
        assertTrue(firstChunkStored.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the first chunk was stored");

        CompletableFuture<Integer> revocation = CompletableFuture.supplyAsync(() -> as(Role.BIOMED)
                .contentType(ContentType.JSON).body(Map.of("reason", "keyCompromise"))
                .post("/api/v1/certificates/{serial}/revoke", stolen.serial()).then().extract().statusCode());
        int status = revocation.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, status, "the revocation went through");
        assertFalse(running.isDone(), "the import was still running");
        as(Role.AUDITOR).queryParam("q", serials.get(ROWS - 1)).get("/api/v1/devices").then().body("total", equalTo(0));
        revoked.countDown();

        DeviceImport.Report report = running.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(ROWS, report.acceptedIds().size(), "every row was stored after all");
        as(Role.AUDITOR).get("/api/v1/certificates/" + stolen.serial()).then().body("status", equalTo("revoked"));
        as(Role.AUDITOR).get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void aChunkTheDatabaseRefusesIsReportedRowByRowAndTheOtherChunksStay() throws Exception {
        List<String> serials = serials("RACE");
        // Line 1 is the header: serial i is on line i + 2, and the second chunk starts at serial 100.
        String registeredMeanwhile = serials.get(150);
        AtomicInteger progressAtEnd = new AtomicInteger();

        // Someone registers a pump of the second chunk after the checks passed it and the first chunk
        // was stored: the unique index refuses the second chunk when it is stored.
        DeviceImport.Report report = deviceImport.importCsv(biomed(), new StringReader(csv(serials)),
                DeviceImport.Mode.PARTIAL, (done, total) -> {
                    if (done == ROWS + 1) {
                        Devices.registerPump(registeredMeanwhile);
                    }
                    progressAtEnd.set(100 * done / total);
                });

        assertTrue(report.committed());
        assertEquals(ROWS - 100, report.acceptedIds().size(), "the first and third chunks were stored");
        assertEquals(IntStream.range(100, 200).mapToObj(i -> (long) i + 2).toList(),
                report.rejected().stream().map(DeviceImport.RejectedRow::line).toList(), "the second chunk, row by row");
        assertTrue(report.rejected().stream().allMatch(row -> row.reason().startsWith("not stored:")), report.toString());
        assertEquals(100, progressAtEnd.get());
        as(Role.AUDITOR).queryParam("q", serials.get(0)).get("/api/v1/devices").then().body("total", equalTo(1));
        as(Role.AUDITOR).queryParam("q", serials.get(199)).get("/api/v1/devices").then().body("total", equalTo(0));
        as(Role.AUDITOR).queryParam("q", serials.get(ROWS - 1)).get("/api/v1/devices").then().body("total", equalTo(1));
        as(Role.AUDITOR).get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    private static Actor biomed() {
        return Actor.person(Api.username(Role.BIOMED), List.of(Role.Names.BIOMED), "127.0.0.1");
    }

    private static List<String> serials(String prefix) {
        String common = Fixtures.serial(prefix);
        return IntStream.range(0, ROWS).mapToObj(i -> common + "-" + i).toList();
    }

    private static String csv(List<String> serials) {
        StringBuilder csv = new StringBuilder("kind,serial,manufacturer,model\n");
        serials.forEach(serial -> csv.append("pump,").append(serial).append(',').append(MANUFACTURER).append(",M1\n"));
        return csv.toString();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the revocation did not come back while the import waited");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
