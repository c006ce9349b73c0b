package org.pumppki.server.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code eapol_test}, wpa_supplicant's RADIUS test client, as a pump would log in to Wi-Fi:
 * one EAP-TLS authentication against a RADIUS server on 127.0.0.1.
 */
final class EapolTest {

    /** What eapol_test concluded. */
    enum Outcome { SUCCESS, FAILURE }

    /** One run: the outcome and everything eapol_test printed. */
    record Result(Outcome outcome, String output) {

        /** The server answered Access-Reject, as opposed to not answering at all (both are FAILURE). */
        boolean rejected() {
            return output.contains("(Access-Reject)");
        }

        /** The last {@code count} lines of the output, for failure messages. */
        String tail(int count) {
            List<String> lines = output.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        }
    }

    /** eapol_test gives up by itself after this; the process gets a little longer before it is killed. */
    private static final int TIMEOUT_SECONDS = 10;
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS + 20);

    private final Path executable;
    private final int port;
    private final String secret;
    private final Path trustedRoot;
    private final String serverName;

    /**
     * @param trustedRoot the CA certificate the pump trusts for the RADIUS server's certificate
     * @param serverName the name the RADIUS server's certificate must carry
     */
    EapolTest(Path executable, int port, String secret, Path trustedRoot, String serverName) {
        this.executable = executable;
        this.port = port;
        this.secret = secret;
        this.trustedRoot = trustedRoot;
        this.serverName = serverName;
    }

    /** Authenticates as {@code identity} with {@code credentials}; keeps its files in {@code directory}. */
    Result authenticate(String identity, TlsCredentials credentials, Path directory) {
        Path config = directory.resolve("eapol_test.conf");
        Path output = directory.resolve("eapol_test.out");
        try {
            Files.writeString(config, networkBlock(identity, credentials));
            Process process = new ProcessBuilder(executable.toString(), "-c", config.toString(),
                    "-a", "127.0.0.1", "-p", String.valueOf(port), "-s", secret, "-t", String.valueOf(TIMEOUT_SECONDS))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean exited = process.waitFor(PROCESS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor();
            }
            String printed = Files.readString(output);
            // eapol_test exits with 0 and prints SUCCESS last only when the server accepted it.
            boolean success = exited && process.exitValue() == 0 && printed.strip().endsWith("SUCCESS");
            return new Result(success ? Outcome.SUCCESS : Outcome.FAILURE, printed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while eapol_test ran", e);
        }
    }

    /**
     * A wpa_supplicant network block for EAP-TLS. The pump checks the server too: its certificate
     * must chain to {@code trustedRoot} and name {@code serverName}.
     */
    private String networkBlock(String identity, TlsCredentials credentials) {
        return """
                network={
                    key_mgmt=IEEE8021X
                    eap=TLS
                    identity="%s"
                    ca_cert="%s"
                    domain_suffix_match="%s"
                    client_cert="%s"
                    private_key="%s"
                    eapol_flags=0
                }
                """.formatted(identity, trustedRoot, serverName, credentials.certificateChain(), credentials.privateKey());
    }
}
