package org.pumppki.server.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathBuilder;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A pump server written in Java, as {@code docs/pump-server.md} describes it: JSSE with TLS client
 * authentication required, and the pump's certificate and its issuing CA checked over OCSP by a
 * {@link PKIXRevocationChecker} in hard-fail mode (no soft fail, no fallback to CRLs). It serves one
 * connection at a time on a free port of 127.0.0.1 and answers an accepted pump with its subject;
 * each refused handshake is kept for the test to read.
 */
final class JavaPumpServer implements AutoCloseable {

    private final SSLServerSocket socket;
    private final Thread thread;
    private final BlockingQueue<Exception> refusals = new LinkedBlockingQueue<>();

    private JavaPumpServer(SSLServerSocket socket) {
        this.socket = socket;
        this.thread = new Thread(this::serve, "java-pump-server");
        this.thread.setDaemon(true);
    }

    /**
     * Starts the server with its key and certificate chain, trusting {@code root} for pumps and asking
     * {@code ocspResponder} about them (or the responder each certificate's AIA names, if empty).
     */
    static JavaPumpServer start(PrivateKey key, List<X509Certificate> chain, X509Certificate root,
            Optional<URI> ocspResponder) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(key, chain).getKeyManagers(), trustManagers(root, ocspResponder).getTrustManagers(), null);
            SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 16, LoopbackServers.loopback());
            socket.setNeedClientAuth(true);
            JavaPumpServer server = new JavaPumpServer(socket);
            server.thread.start();
            return server;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pumps must chain to PumpPKI's root, and every certificate below it must be good according to OCSP. */
    static TrustManagerFactory trustManagers(X509Certificate root, Optional<URI> ocspResponder)
            throws GeneralSecurityException {
        PKIXRevocationChecker revocation = (PKIXRevocationChecker) CertPathBuilder.getInstance("PKIX").getRevocationChecker();
        // Hard fail, OCSP only: without a good answer for the pump and its issuing CA, no handshake.
        revocation.setOptions(EnumSet.of(PKIXRevocationChecker.Option.NO_FALLBACK));
        ocspResponder.ifPresent(revocation::setOcspResponder);
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(Set.of(new TrustAnchor(root, null)), new X509CertSelector());
        parameters.addCertPathChecker(revocation);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(new CertPathTrustManagerParameters(parameters));
        return factory;
    }

    private static KeyManagerFactory keyManagers(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("pump-server", key, password, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The next handshake the server refused, waiting for it at most {@code seconds}. */
    Optional<Exception> nextRefusal(int seconds) throws InterruptedException {
        return Optional.ofNullable(refusals.poll(seconds, java.util.concurrent.TimeUnit.SECONDS));
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (SSLSocket connection = (SSLSocket) socket.accept()) {
                connection.setSoTimeout(20_000);
                answer(connection);
            } catch (SocketException closed) {
                if (socket.isClosed()) {
                    return;
                }
                refusals.add(closed);
            } catch (IOException refused) {
                refusals.add(refused);
            }
        }
    }

    /** Reads the request head and answers 200 with the pump's subject, as the nginx configuration does. */
    private static void answer(SSLSocket connection) throws IOException {
        connection.startHandshake();
        String pump = ((X509Certificate) connection.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        BufferedReader request = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
        for (String line = request.readLine(); line != null && !line.isEmpty(); line = request.readLine()) {
            // The request head says nothing the answer depends on.
        }
        byte[] body = (NginxPumpServer.ACCEPTED + pump + "\n").getBytes(StandardCharsets.UTF_8);
        OutputStream out = connection.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
