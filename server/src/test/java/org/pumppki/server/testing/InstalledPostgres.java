package org.pumppki.server.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a full installation on this machine, with the client tools of the same
 * version ({@code pg_dump}, {@code pg_restore}): what an operator's database host has. The
 * embedded PostgreSQL bundle holds only {@code initdb}, {@code pg_ctl} and {@code postgres}, and a
 * {@code pg_dump} refuses to dump a server newer than itself, so backup tests run on an installed
 * server (Debian: package {@code postgresql}, binaries under {@code /usr/lib/postgresql/NN/bin}).
 *
 * <p>The server runs as the {@code postgres} account when the tests run as root (PostgreSQL refuses
 * to run as root), listens on loopback only on a free port and asks for passwords (SCRAM). As in
 * production, {@link #OWNER_ROLE} owns the database, migrates it and takes the dumps; the
 * application runs as {@link #APPLICATION_ROLE}, which owns nothing. Neither is a superuser.
 */
public final class InstalledPostgres implements AutoCloseable {

    public static final String OWNER_ROLE = "pumppki_owner";
    public static final String APPLICATION_ROLE = "pumppki";
    private static final String SUPERUSER = "postgres";
    private static final String ROOTS = "/usr/lib/postgresql";
    private static final List<String> PROGRAMS = List.of("initdb", "pg_ctl", "postgres", "pg_dump", "pg_restore");
    private static final long TIMEOUT_SECONDS = 120;

    private final Path bin;
    private final Path directory;
    private final int port;
    private final String superuserPassword;
    private final String ownerPassword = Fixtures.caName("owner");
    private final String applicationPassword = Fixtures.caName("app");

    private InstalledPostgres(Path bin, Path directory, int port, String superuserPassword) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
        this.superuserPassword = superuserPassword;
    }

    /** The newest installation that has a server and the dump tools, if any. */
    public static Optional<Path> newestInstallation() {
        Path roots = Path.of(ROOTS);
        if (!Files.isDirectory(roots)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(roots)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> PROGRAMS.stream().allMatch(program -> Files.isExecutable(bin.resolve(program))))
                    .max(Comparator.comparingInt(bin -> majorVersion(bin.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Runs initdb in a new directory, starts the server and creates the application's role and database. */
    public static InstalledPostgres start(Path bin, String database) throws IOException, InterruptedException, SQLException {
        Path directory = Files.createTempDirectory("pumppki-installed-pg",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        String superuserPassword = Fixtures.caName("su");
        Path passwordFile = directory.resolve("superuser.password");
        Files.writeString(passwordFile, superuserPassword + "\n");
        Path data = directory.resolve("data");
        Files.createDirectories(data);
        if (runningAsRoot()) {
            run(List.of("chown", "-R", SUPERUSER, directory.toString()), false);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        InstalledPostgres server = new InstalledPostgres(bin, directory, port, superuserPassword);
        server.asServerAccount("initdb", "-D", data.toString(), "-U", SUPERUSER, "--pwfile=" + passwordFile,
                "--auth=scram-sha-256", "-E", "UTF8", "--no-instructions");
        server.asServerAccount("pg_ctl", "-D", data.toString(), "-l", directory.resolve("server.log").toString(), "-w",
                "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1", "start");
        try (Connection connection = server.connect("postgres", SUPERUSER, superuserPassword);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + OWNER_ROLE + " LOGIN PASSWORD '" + server.ownerPassword + "'");
            statement.execute("CREATE ROLE " + APPLICATION_ROLE + " LOGIN PASSWORD '" + server.applicationPassword + "'");
            server.createDatabase(database);
        }
        return server;
    }

    /** A new, empty database owned by the owner role. */
    public void createDatabase(String database) throws SQLException {
        try (Connection connection = connect("postgres", SUPERUSER, superuserPassword);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database + " OWNER " + OWNER_ROLE);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public String ownerPassword() {
        return ownerPassword;
    }

    public String applicationPassword() {
        return applicationPassword;
    }

    /**
     * Runs a client program of the installation ({@code pg_dump}, {@code pg_restore}) as the owner
     * role, the password in {@code PGPASSWORD}; fails unless it exits with 0.
     */
    public void runClient(Path workDir, String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(bin.resolve(program).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().put("PGPASSWORD", ownerPassword);
        run(builder, command);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            asServerAccount("pg_ctl", "-D", directory.resolve("data").toString(), "-m", "fast", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private Connection connect(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    private void asServerAccount(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            command.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        run(command, true);
    }

    private static void run(List<String> command, boolean inTempCwd) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (inTempCwd) {
            // The server account cannot read a root-owned working directory.
            builder.directory(Path.of("/tmp").toFile());
        }
        run(builder, command);
    }

    private static void run(ProcessBuilder builder, List<String> command) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n"
                    + new String(output, StandardCharsets.UTF_8));
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int majorVersion(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
