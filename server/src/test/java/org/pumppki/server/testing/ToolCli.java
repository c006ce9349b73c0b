package org.pumppki.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cert.X509CertificateHolder;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.testing.InteropTools;

/**
 * A real command-line tool ({@code openssl}, {@code curl}), run in a working directory of the test's
 * own. Skips the test when the tool is missing, or fails it where interop is required
 * ({@code PKI_REQUIRE_INTEROP=true}).
 */
public final class ToolCli {

    private static final long TIMEOUT_SECONDS = 60;

    private final Path executable;
    private final Path workDir;

    private ToolCli(Path executable, Path workDir) {
        this.executable = executable;
        this.workDir = workDir;
    }

    public static ToolCli openssl(Path workDir) {
        return new ToolCli(InteropTools.requireTool("openssl"), workDir);
    }

    public static ToolCli curl(Path workDir) {
        return new ToolCli(InteropTools.requireTool("curl"), workDir);
    }

    /** What one run printed, and how it ended. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** Both streams: OpenSSL prints verification results to either, depending on the command. */
        public String output() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " -> exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Runs the tool with {@code args} in the working directory and waits for it to end. */
    public Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        Path stdout = workDir.resolve("tool.out");
        Path stderr = workDir.resolve("tool.err");
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(List.copyOf(command).subList(1, command.size()), process.exitValue(),
                    Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + executable, e);
        }
    }

    /** Writes certificates as one PEM file in the working directory; returns its name. */
    public String writePem(String fileName, X509CertificateHolder... certificates) {
        return write(fileName, Pem.certificates(List.of(certificates)).getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes a file in the working directory; returns its name. */
    public String write(String fileName, byte[] content) {
        try {
            Files.write(workDir.resolve(fileName), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fileName;
    }

    public byte[] read(String fileName) {
        try {
            return Files.readAllBytes(workDir.resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
