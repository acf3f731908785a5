package com.bizosaas.eventbus.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of the real server that loses the server's answers on the first
 * {@code connectionsToDrop} connections: the request reaches the server and is processed, but
 * once the answer starts coming back the proxy closes both sides, as a network failure would.
 * Later connections are passed through untouched.
 */
final class DroppingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger dropsLeft;
    private final AtomicInteger droppedAnswers = new AtomicInteger();

    DroppingProxy(int targetPort, int connectionsToDrop) throws IOException {
        this.targetPort = targetPort;
        this.dropsLeft = new AtomicInteger(connectionsToDrop);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "dropping-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** How many answers the proxy has thrown away so far. */
    int droppedAnswers() {
        return droppedAnswers.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                boolean drop = dropsLeft.getAndDecrement() > 0;
                pump(client, server, "request");
                if (drop) {
                    loseAnswer(server, client);
                } else {
                    pump(server, client, "answer");
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private void loseAnswer(Socket server, Socket client) {
        daemon(() -> {
            try (server; client) {
                if (server.getInputStream().read() >= 0) {
                    droppedAnswers.incrementAndGet();
                }
            } catch (IOException ignored) {
                // closing both sides is the point
            }
        }, "lose-answer");
    }

    private static void pump(Socket from, Socket to, String what) {
        daemon(() -> {
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // the other side closed
            } finally {
                closeQuietly(to);
            }
        }, "pump-" + what);
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
