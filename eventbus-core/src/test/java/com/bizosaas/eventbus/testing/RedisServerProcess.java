package com.bizosaas.eventbus.testing;

import com.bizosaas.eventbus.contract.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own, on a free loopback port, that the test may kill (SIGKILL) and
 * start again on the same port. Never touches the shared Redis on 6379. In core's test-jar so the
 * broker's tests and the server's end-to-end tests share it; it needs no Redis client.
 */
public final class RedisServerProcess implements AutoCloseable {
    private final List<String> command;
    private final Path logFile;
    private final int port;
    private Process process;

    private RedisServerProcess(int port, Path dir, List<String> options) {
        this.port = port;
        this.logFile = dir.resolve("redis.log");
        this.command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--logfile", logFile.toString(), "--save", ""));
        command.addAll(options);
    }

    /** Starts {@code redis-server} with its files in {@code dir} and the extra {@code options}. */
    public static RedisServerProcess start(Path dir, String... options) {
        RedisServerProcess server = new RedisServerProcess(freePort(), dir, List.of(options));
        server.launch();
        return server;
    }

    public int port() {
        return port;
    }

    /** SIGKILL: no shutdown save, no goodbye to clients, like a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("redis-server on port " + port + " did not die");
        }
    }

    /**
     * SIGSTOP: the server keeps its connections open and answers nothing, like a broker that
     * fails slowly (swapping, a stalled disk) rather than dying. {@link #resume} undoes it; a
     * paused server is resumed before it is killed.
     */
    public void pause() {
        signal("STOP");
    }

    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + name + " of redis-server " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new AssertionError("cannot signal redis-server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while signalling redis-server", e);
        }
    }

    public void restart() {
        launch();
    }

    private void launch() {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new AssertionError("Cannot start redis-server (install it with `apt-get install redis-server`): "
                    + e.getMessage(), e);
        }
        Await.until(Duration.ofSeconds(15), () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("redis-server on port " + port + " exited; see " + logFile);
                    }
                    return answersPing();
                }, "redis-server answers PING on port " + port + " (log: " + logFile + ")");
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            resume();
            kill();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError("no free port", e);
        }
    }
}
