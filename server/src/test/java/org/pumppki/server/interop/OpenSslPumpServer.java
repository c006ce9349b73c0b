package org.pumppki.server.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code openssl s_server -www} as a pump server, for what nginx will not do: present any
 * certificate it is given, and staple any OCSP response it is given ({@code -status_file}), even one
 * that says revoked. It requires a client certificate chaining to {@code root}.
 */
final class OpenSslPumpServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final ProcessOutput output;
    private final int port;

    private OpenSslPumpServer(Process process, ProcessOutput output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /**
     * Starts {@code s_server} presenting {@code certificate} with {@code chain} (the issuing CA),
     * stapling the DER OCSP response in {@code stapledResponse} if there is one.
     */
    static OpenSslPumpServer start(Path openssl, TlsCredentials presented, Path chain, Path root, Path stapledResponse) {
        int port = LoopbackServers.freePort();
        List<String> command = new ArrayList<>(List.of(openssl.toString(), "s_server", "-www", "-accept", "127.0.0.1:" + port,
                "-cert", presented.certificateChain().toString(), "-key", presented.privateKey().toString(),
                "-cert_chain", chain.toString(), "-Verify", "2", "-verify_return_error", "-CAfile", root.toString()));
        if (stapledResponse != null) {
            command.addAll(List.of("-status_file", stapledResponse.toString()));
        }
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            ProcessOutput output = ProcessOutput.follow(process, "s_server");
            if (!LoopbackServers.awaitListening(process, port, START_TIMEOUT)) {
                LoopbackServers.stop(process);
                throw new IllegalStateException("openssl s_server did not start:\n" + output.tail(0, 30));
            }
            return new OpenSslPumpServer(process, output, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    String outputTail(int lines) {
        return output.tail(0, lines);
    }

    @Override
    public void close() {
        LoopbackServers.stop(process);
    }
}
