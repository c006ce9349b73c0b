package org.pumppki.server.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * curl playing a pump that calls its pump server: the pump's certificate and key, PumpPKI's root as
 * its only trust anchor, the server's name ({@link NginxPumpServer#HOSTNAME}) pinned to 127.0.0.1,
 * and optionally {@code --cert-status}, with which curl insists on a stapled OCSP status of the
 * server's certificate and verifies it. Every call is a new process and a full handshake: curl keeps
 * no TLS session between runs.
 */
final class CurlPump {

    private static final String STATUS_LINE = "http-status:";
    private static final String SERIAL_LINE = "Serial Number:";

    private final Path curl;
    private final Path root;

    CurlPump(Path curl, Path root) {
        this.curl = curl;
        this.root = root;
    }

    /** One GET of the pump server's {@code /} with the pump's credentials. */
    Result get(int port, TlsCredentials pump, boolean certStatus) {
        List<String> command = new ArrayList<>(List.of(curl.toString(), "-sS", "--max-time", "20",
                "--resolve", NginxPumpServer.HOSTNAME + ":" + port + ":127.0.0.1",
                "--cacert", root.toString(),
                "--cert", pump.certificateChain().toString(), "--key", pump.privateKey().toString(),
                "-w", "\n" + STATUS_LINE + "%{http_code}\n%{certs}"));
        if (certStatus) {
            // -v: curl says what status it found in the staple ("SSL certificate status: good").
            command.addAll(List.of("--cert-status", "-v"));
        }
        command.add("https://" + NginxPumpServer.HOSTNAME + ":" + port + "/");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(command, -1, output + "[timed out]");
            }
            return new Result(command, process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A GET with {@code --cert-status}, repeated until the server staples its status or
     * {@code attempts} handshakes have gone by: nginx fetches its staple lazily, so the first
     * handshakes after its start or a reload carry none.
     */
    Result getUntilStapled(int port, TlsCredentials pump, int attempts) {
        Result last = get(port, pump, true);
        for (int attempt = 1; attempt < attempts && last.exitCode() != 0; attempt++) {
            last = get(port, pump, true);
        }
        return last;
    }

    /** What curl did: its exit code and its output (the body, the HTTP status, the server's certificates). */
    record Result(List<String> command, int exitCode, String output) {

        /** The HTTP status, 0 without an answer (a failed handshake). */
        int httpStatus() {
            return output.lines().filter(line -> line.startsWith(STATUS_LINE))
                    .map(line -> Integer.parseInt(line.substring(STATUS_LINE.length()).strip()))
                    .reduce((first, second) -> second).orElse(0);
        }

        /** Whether the pump server let the pump in, and names it by the serial in its certificate's CN. */
        boolean accepted(String pumpSerial) {
            return exitCode == 0 && httpStatus() == 200 && output.lines()
                    .anyMatch(line -> line.startsWith(NginxPumpServer.ACCEPTED) && line.contains("CN=" + pumpSerial));
        }

        /** The serial number of the certificate the server presented, if curl got that far. */
        Optional<BigInteger> serverCertificateSerial() {
            return output.lines().filter(line -> line.startsWith(SERIAL_LINE)).findFirst()
                    .map(line -> new BigInteger(line.substring(SERIAL_LINE.length()).strip().replace(":", ""), 16));
        }

        /** The command, what curl said up to the HTTP status, and only who the server's certificates name. */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(String.join(" ", command)).append(" -> exit ").append(exitCode).append(":\n");
            boolean certificates = false;
            for (String line : output.lines().toList()) {
                certificates |= line.startsWith(STATUS_LINE);
                if (!certificates || line.startsWith(STATUS_LINE) || line.startsWith("Subject:") || line.startsWith(SERIAL_LINE)) {
                    text.append(line).append('\n');
                }
            }
            return text.toString();
        }
    }
}
