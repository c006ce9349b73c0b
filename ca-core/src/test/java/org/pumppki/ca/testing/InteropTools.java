package org.pumppki.ca.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Preconditions of interop tests, which run real tools nobody here wrote (SoftHSM2, OpenSSL,
 * FreeRADIUS). On a developer machine without a tool the test is skipped with a message saying
 * what to install; where interop is required (environment variable {@code PKI_REQUIRE_INTEROP=true},
 * set by {@code .ci/run}) it fails instead, so a broken CI image cannot turn the interop suite
 * silently green.
 */
public final class InteropTools {

    /** Environment variable that turns missing interop tools into failures. */
    public static final String REQUIRED_VARIABLE = "PKI_REQUIRE_INTEROP";

    private InteropTools() {
    }

    /** Whether missing interop tools fail tests instead of skipping them. */
    public static boolean interopRequired() {
        String value = System.getenv(REQUIRED_VARIABLE);
        return value != null && java.util.Set.of("true", "1", "yes").contains(value.trim().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The executable {@code command} found on the {@code PATH}; skips or fails the test if there is
     * none.
     */
    public static Path requireTool(String command) {
        Optional<Path> tool = findOnPath(command);
        require(tool.isPresent(), "'" + command + "' is not on the PATH");
        return tool.orElseThrow();
    }

    /** The given file (a library, a configuration); skips or fails the test if it does not exist. */
    public static Path requireFile(Path file, String whatItIs) {
        require(Files.isRegularFile(file), whatItIs + " is missing: " + file);
        return file;
    }

    /** Skips or fails the test unless {@code available}; {@code missing} says what is absent. */
    public static void require(boolean available, String missing) {
        require(available, missing, interopRequired());
    }

    static void require(boolean available, String missing, boolean required) {
        if (available) {
            return;
        }
        if (required) {
            Assertions.fail(missing + ", and interop tests are required (" + REQUIRED_VARIABLE + "=true)");
        }
        Assumptions.abort(missing + "; skipping this interop test. Install the tool, or set "
                + REQUIRED_VARIABLE + "=true to make its absence a failure.");
    }

    static Optional<Path> findOnPath(String command) {
        String path = System.getenv("PATH");
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, command))
                .filter(Files::isRegularFile)
                .filter(Files::isExecutable)
                .findFirst();
    }
}
