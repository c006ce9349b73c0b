package org.pumppki.server.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;

/**
 * A DNS server on a free UDP port of 127.0.0.1 that answers every A query with 127.0.0.1. nginx
 * resolves the host of an OCSP URL through its own resolver, never through {@code /etc/hosts}, and
 * the test server's URLs name {@code localhost}.
 */
final class LocalhostDnsStub implements AutoCloseable {

    private static final int TYPE_A = 1;
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private final DatagramSocket socket;
    private final Thread thread;

    private LocalhostDnsStub(DatagramSocket socket) {
        this.socket = socket;
        this.thread = new Thread(this::serve, "dns-stub");
        this.thread.setDaemon(true);
    }

    static LocalhostDnsStub start() {
        try {
            LocalhostDnsStub stub = new LocalhostDnsStub(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
            stub.thread.start();
            return stub;
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket query = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(query);
                byte[] answer = answer(ByteBuffer.wrap(query.getData(), 0, query.getLength()).slice());
                socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** The query's header and question, then one A record for it (or none for other types). */
    private static byte[] answer(ByteBuffer query) {
        int questionEnd = 12;
        while (query.get(questionEnd) != 0) {
            questionEnd += (query.get(questionEnd) & 0xff) + 1;
        }
        questionEnd += 5; // the root label, QTYPE, QCLASS
        int type = query.getShort(questionEnd - 4) & 0xffff;
        boolean answers = type == TYPE_A;
        ByteBuffer reply = ByteBuffer.allocate(questionEnd + 16);
        reply.putShort(query.getShort(0));
        reply.putShort((short) 0x8180); // response, recursion desired and available, no error
        reply.putShort((short) 1).putShort((short) (answers ? 1 : 0)).putShort((short) 0).putShort((short) 0);
        reply.put(query.array(), query.arrayOffset() + 12, questionEnd - 12);
        if (answers) {
            reply.putShort((short) 0xc00c).putShort((short) TYPE_A).putShort((short) 1).putInt(60)
                    .putShort((short) LOOPBACK.length).put(LOOPBACK);
        }
        byte[] bytes = new byte[reply.position()];
        reply.flip().get(bytes);
        return bytes;
    }

    @Override
    public void close() {
        socket.close();
    }
}
