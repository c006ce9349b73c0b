package org.pumppki.server;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The PostgreSQL binaries shipped inside PumpPKI, unpacked into the user's cache directory rather
 * than a shared temporary directory that any local user could have filled with binaries of their
 * own. It also knows where they end up, so that PumpPKI can run {@code initdb} itself.
 */
final class BundledPostgres implements PgBinaryResolver {

    static final BundledPostgres INSTANCE = new BundledPostgres();

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private volatile String bundleDigest;

    private BundledPostgres() {
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        byte[] bundle;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware)) {
            if (in == null) {
                return null;
            }
            bundle = in.readAllBytes();
        }
        bundleDigest = digest(bundle);
        return new ByteArrayInputStream(bundle);
    }

    /**
     * Where the bundle is unpacked: {@code $XDG_CACHE_HOME/pumppki/postgres} or
     * {@code ~/.cache/pumppki/postgres}, under a directory that only this user may enter. The
     * library opens the innermost directory to everyone; the one above it keeps others out.
     */
    static Path workingDirectory() throws IOException {
        Path cache = Optional.ofNullable(System.getenv("XDG_CACHE_HOME")).filter(d -> !d.isBlank()).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".cache"));
        Path ours = cache.resolve("pumppki");
        Files.createDirectories(ours);
        Files.setPosixFilePermissions(ours, OWNER_ONLY);
        return ours.resolve("postgres");
    }

    /** The command line that runs one of the unpacked programs, as the library runs them. */
    List<String> command(String program) throws IOException {
        if (bundleDigest == null) {
            throw new IllegalStateException("The PostgreSQL bundle has not been unpacked yet");
        }
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // PostgreSQL refuses to run as root; in a user namespace of its own it is not.
            command.addAll(List.of("unshare", "-U"));
        }
        // The library names the directory after the bundle's MD5: a name, not a security check.
        command.add(workingDirectory().resolve("PG-" + bundleDigest).resolve("bin").resolve(program).toString());
        return command;
    }

    private static String digest(byte[] bundle) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bundle));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
