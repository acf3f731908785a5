package com.bizosaas.eventbus.broker.redis;

import com.bizosaas.eventbus.contract.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.RedisClient;

/**
 * A redis-server of the test's own, on a free loopback port, that the test may kill (SIGKILL) and
 * start again on the same port. Never touches the shared Redis on 6379.
 */
final class RedisServerProcess implements AutoCloseable {
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
    static RedisServerProcess start(Path dir, String... options) {
        RedisServerProcess server = new RedisServerProcess(freePort(), dir, List.of(options));
        server.launch();
        return server;
    }

    int port() {
        return port;
    }

    /** SIGKILL: no shutdown save, no goodbye to clients, like a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("redis-server on port " + port + " did not die");
        }
    }

    void restart() {
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
        try (RedisClient client = RedisClient.create("127.0.0.1", port)) {
            Await.until(Duration.ofSeconds(15), () -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("redis-server on port " + port + " exited; see " + logFile);
                        }
                        try {
                            return "PONG".equals(client.ping());
                        } catch (RuntimeException notYet) {
                            return false;
                        }
                    }, "redis-server answers PING on port " + port + " (log: " + logFile + ")");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
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
