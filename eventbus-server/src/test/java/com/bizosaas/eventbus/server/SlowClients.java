package com.bizosaas.eventbus.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Connections that send a publish's headers and then trickle its body a byte at a time, never
 * finishing it: the slow-body attack. Each comes from one of several loopback addresses
 * (127.0.0.x), so the server sees several clients. {@link #close()} drops them all. Not thread-safe.
 */
final class SlowClients implements AutoCloseable {
    private static final int DECLARED_BODY_BYTES = 4_096;

    private final List<Socket> sockets = new ArrayList<>();

    /** Opens {@code count} connections from {@code sourceAddress} and sends each one's headers and first byte. */
    void open(int port, String sourceAddress, int count) {
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            try {
                sockets.add(socket);
                socket.bind(new InetSocketAddress(sourceAddress, 0));
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.getOutputStream().write(("POST /events/publish HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + DECLARED_BODY_BYTES + "\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new UncheckedIOException("could not open slow connection " + i + " from " + sourceAddress, e);
            }
        }
    }

    /** One more byte of body on every connection still open; returns how many were still open. */
    int trickle() {
        int open = 0;
        for (Socket socket : sockets) {
            try {
                socket.getOutputStream().write(' ');
                open++;
            } catch (IOException e) {
                // the server closed it: counted by the caller through the return value
            }
        }
        return open;
    }

    int size() {
        return sockets.size();
    }

    @Override
    public void close() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        sockets.clear();
    }
}
