package org.pumppki.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.server.EmbeddedDatabase;
import org.pumppki.server.testing.ServerApi;
import org.pumppki.server.testing.ServerProcess;
import org.pumppki.server.testing.SharedDatabase;

/**
 * Two replicas on one PostgreSQL with the expiry scan ticking every two seconds: Quartz's clustered
 * job store fires each tick on one replica only, as the job-run records show, and when one replica
 * stops the other keeps the ticks coming.
 */
class SchedulerClusterIT {

    private static final String MASTER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String PASSWORD = "scheduler-admin-password";
    /** Bounds a hung test; the ticks themselves come every two seconds. */
    private static final Duration BOUND = Duration.ofSeconds(90);

    @TempDir
    Path workDir;

    private EmbeddedDatabase database;
    private ServerProcess first;
    private ServerProcess second;

    @AfterEach
    void stop() throws Exception {
        for (ServerProcess server : new ServerProcess[] {first, second}) {
            if (server != null) {
                server.close();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void eachTickRunsOnceAcrossReplicasAndTheSurvivorKeepsTicking() throws Exception {
        database = EmbeddedDatabase.start(workDir.resolve("postgres"));
        first = ServerProcess.start(workDir.resolve("a"), environment("a"));
        second = ServerProcess.start(workDir.resolve("b"), environment("b"));
        ServerApi b = new ServerApi(second, PASSWORD);

        List<Map<String, Object>> runs = awaitRuns(b, list -> scheduled(list).size() >= 5);
        assertOncePerTick(scheduled(runs));

        first.terminate();
        long lastBeforeStop = maxId(awaitRuns(b, list -> true));
        List<Map<String, Object>> after = awaitRuns(b, list -> scheduled(list).stream()
                .filter(run -> id(run) > lastBeforeStop).count() >= 3);
        List<Map<String, Object>> survivorRuns = scheduled(after).stream().filter(run -> id(run) > lastBeforeStop).toList();
        assertTrue(survivorRuns.size() >= 3, "the ticks go on after one replica stopped: " + after);
        assertEquals(1, survivorRuns.stream().map(run -> run.get("node")).distinct().count(),
                "only the surviving replica runs them: " + survivorRuns);
        assertOncePerTick(scheduled(after));
    }

    /** Every scheduled run belongs to a different tick, and every one ended successfully. */
    private static void assertOncePerTick(List<Map<String, Object>> runs) {
        Set<Object> ticks = new HashSet<>();
        for (Map<String, Object> run : runs) {
            assertTrue(ticks.add(run.get("scheduledAt")), "tick " + run.get("scheduledAt") + " ran twice: " + runs);
            assertEquals("succeeded", run.get("outcome"), String.valueOf(run));
        }
    }

    /** Polls the job list of the expiry scan until its latest runs satisfy the condition. */
    private static List<Map<String, Object>> awaitRuns(ServerApi api, Predicate<List<Map<String, Object>>> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        List<Map<String, Object>> runs = List.of();
        while (System.nanoTime() < deadline) {
            JsonPath jobs = api.admin().get("/api/v1/scheduler/jobs").then().statusCode(200).extract().jsonPath();
            runs = jobs.getList("find { it.job == 'expiry-scan' }.lastRuns");
            if (runs != null && done.test(runs)) {
                return runs;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The expiry scan's runs did not get there within " + BOUND + ": " + runs);
    }

    private static List<Map<String, Object>> scheduled(List<Map<String, Object>> runs) {
        return runs.stream().filter(run -> "schedule".equals(run.get("trigger")) && !"running".equals(run.get("outcome")))
                .toList();
    }

    private static long id(Map<String, Object> run) {
        return ((Number) run.get("id")).longValue();
    }

    private static long maxId(List<Map<String, Object>> runs) {
        return runs.stream().mapToLong(SchedulerClusterIT::id).max().orElse(0);
    }

    private Map<String, String> environment(String name) {
        return SharedDatabase.environment(database, Map.of(
                "PKI_DATA_DIR", workDir.resolve(name).resolve("data").toString(),
                "PKI_MASTER_KEY", MASTER_KEY,
                "PKI_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD,
                "PKI_SCHEDULER_EXPIRY_SCAN_CRON", "*/2 * * * * ?"));
    }
}
