package org.pumppki.server.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pumppki.server.EmbeddedDatabase;

/**
 * Server processes sharing one PostgreSQL, as the replicas of a Kubernetes deployment do: one
 * master key and one admin, each replica with a data directory of its own. A replica that died
 * (a test killed it) is started again by {@link #startStopped()}, on the same data directory, as a
 * pod is restarted.
 */
public final class ReplicaSet implements AutoCloseable {

    private static final String MASTER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private final Path workDir;
    private final String adminPassword;
    private final EmbeddedDatabase database;
    private final List<ServerProcess> replicas = new ArrayList<>();

    private ReplicaSet(Path workDir, String adminPassword, EmbeddedDatabase database, int size) {
        this.workDir = workDir;
        this.adminPassword = adminPassword;
        this.database = database;
        for (int i = 0; i < size; i++) {
            replicas.add(null);
        }
    }

    /** Starts the database and {@code size} replicas, one after the other. */
    public static ReplicaSet start(Path workDir, String adminPassword, int size) throws IOException {
        ReplicaSet set = new ReplicaSet(workDir, adminPassword, EmbeddedDatabase.start(workDir.resolve("postgres")), size);
        set.startStopped();
        return set;
    }

    /** Starts every replica that is not running. */
    public void startStopped() throws IOException {
        for (int i = 0; i < replicas.size(); i++) {
            ServerProcess replica = replicas.get(i);
            if (replica == null || !replica.process().isAlive()) {
                replicas.set(i, ServerProcess.start(workDir.resolve("replica-" + i), environment(i)));
            }
        }
    }

    public ServerProcess replica(int index) {
        return replicas.get(index);
    }

    public ServerApi api(int index) {
        return new ServerApi(replica(index), adminPassword);
    }

    /** The shared database as the application role sees it, to compare with what clients received. */
    public Connection connect() throws SQLException {
        return database.connect(database.application());
    }

    @Override
    public void close() throws Exception {
        for (ServerProcess replica : replicas) {
            if (replica != null) {
                replica.close();
            }
        }
        database.close();
    }

    private Map<String, String> environment(int index) {
        return SharedDatabase.environment(database, Map.of(
                "PKI_DATA_DIR", workDir.resolve("replica-" + index).resolve("data").toString(),
                "PKI_MASTER_KEY", MASTER_KEY,
                "PKI_BOOTSTRAP_ADMIN_PASSWORD", adminPassword));
    }
}
