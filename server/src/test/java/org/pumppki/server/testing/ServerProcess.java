package org.pumppki.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server ({@code target/quarkus-app/quarkus-run.jar}) run as a separate process, the
 * way the README starts it, on ports chosen by the operating system.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+) and https://[^:]+:(\\d+)");
    private static final long START_TIMEOUT_SECONDS = 180;

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<Integer> httpPort = new CompletableFuture<>();
    private final CompletableFuture<Integer> httpsPort = new CompletableFuture<>();
    private final CompletableFuture<Void> readerDone = new CompletableFuture<>();

    private ServerProcess(Process process, Path logFile) {
        this.process = process;
        Thread reader = new Thread(() -> pump(logFile), "server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The output of a start that ended before the server listened. */
    public record Failure(int exitCode, String output) {
    }

    /** Starts the server expecting it to give up; returns its exit code and output. */
    public static Failure startExpectingFailure(Path workDir, Map<String, String> environment)
            throws IOException, InterruptedException {
        ServerProcess server = new ServerProcess(builder(workDir, environment).start(), workDir.resolve("failed-start.log"));
        if (!server.process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            server.process.destroyForcibly();
            throw new IllegalStateException("The server kept running:\n" + server.output());
        }
        server.readerDone.join();
        if (server.httpPort.isDone() && !server.httpPort.isCompletedExceptionally()) {
            throw new IllegalStateException("The server started although it should not:\n" + server.output());
        }
        return new Failure(server.process.exitValue(), server.output());
    }

    /** Starts the server with the given environment on top of this JVM's and waits until it listens. */
    public static ServerProcess start(Path workDir, Map<String, String> environment) throws IOException {
        ServerProcess server = new ServerProcess(builder(workDir, environment).start(), workDir.resolve("server.log"));
        server.awaitListening();
        return server;
    }

    private static ProcessBuilder builder(Path workDir, Map<String, String> environment) throws IOException {
        Path appDir = Path.of(System.getProperty("pki.server.app-dir", "target/quarkus-app"));
        Path jar = appDir.resolve("quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; run the package phase first");
        }
        Files.createDirectories(workDir);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", jar.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("QUARKUS_HTTP_PORT", "0");
        env.putIfAbsent("QUARKUS_HTTP_SSL_PORT", "0");
        builder.environment().putAll(env);
        return builder;
    }

    public int httpPort() {
        return httpPort.join();
    }

    public int httpsPort() {
        return httpsPort.join();
    }

    /** Plain HTTP: OCSP, CRLs, CA certificates and health. */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort();
    }

    /** HTTPS: the admin API and EST. */
    public String httpsUrl() {
        return "https://localhost:" + httpsPort();
    }

    public Process process() {
        return process;
    }

    public synchronized String output() {
        return String.join("\n", output);
    }

    /** How many lines the server has written so far: a mark for {@link #awaitOutputEnd()}. */
    public synchronized int outputLines() {
        return output.size();
    }

    /** Every line of output, once the process has ended and closed its output (waits at most 30 s). */
    public List<String> awaitOutputEnd() {
        try {
            readerDone.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The server's output did not end", e);
        }
        synchronized (this) {
            return List.copyOf(output);
        }
    }

    /**
     * Sends SIGTERM and returns at once. Through the process's handle: {@link Process#destroy()}
     * would also close its output, and what the server says while it stops would be lost.
     */
    public void sigterm() {
        process.toHandle().destroy();
    }

    /** Sends SIGTERM and waits for the process to exit; returns its exit code. */
    public int terminate() throws InterruptedException {
        sigterm();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("The server did not stop within 120 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate();
        }
    }

    private void awaitListening() {
        try {
            httpPort.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("The server did not start:\n" + output(), e);
        }
    }

    private void pump(Path logFile) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                var log = Files.newBufferedWriter(logFile)) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (this) {
                    output.add(line);
                }
                log.write(line);
                log.newLine();
                log.flush();
                Matcher matcher = LISTENING.matcher(line);
                if (!httpPort.isDone() && matcher.find()) {
                    httpsPort.complete(Integer.parseInt(matcher.group(2)));
                    httpPort.complete(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            // The process ended and took its output stream with it; nothing more to read.
        } finally {
            httpPort.completeExceptionally(new IllegalStateException("The server exited before listening"));
            httpsPort.completeExceptionally(new IllegalStateException("The server exited before listening"));
            readerDone.complete(null);
        }
    }
}
