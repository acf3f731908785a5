package com.bizosaas.eventbus.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own, in a temporary directory on a free port, which the test
 * may stop and start again: tests never stop the shared server. Needs the PostgreSQL server
 * binaries (/usr/lib/postgresql/N/bin, as scripts/services.sh installs them); run as root, the
 * cluster belongs to the {@code postgres} user, since PostgreSQL refuses to run as root. In core's
 * test-jar so the store's tests and the server's end-to-end tests share it.
 */
public final class PostgresServerProcess implements AutoCloseable {
    private static final String OS_USER = "postgres";

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final List<String> settings;

    private PostgresServerProcess(Path bin, Path dataDir, int port, List<String> settings) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.settings = settings;
    }

    /**
     * Creates the cluster (trust authentication, superuser {@code postgres}, database {@code
     * postgres}) and starts it with the extra server {@code settings}, each {@code name=value}
     * (such as {@code log_statement=all}).
     */
    public static PostgresServerProcess start(String... settings) throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("eventbus-private-pg");
        if (isRoot()) {
            run(List.of("chown", OS_USER, dataDir.toString()));
        }
        PostgresServerProcess cluster = new PostgresServerProcess(serverBinaries(), dataDir, freePort(),
                List.of(settings));
        cluster.asOwner(List.of(cluster.bin.resolve("initdb").toString(), "-D", dataDir.resolve("data").toString(),
                "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"));
        cluster.startAgain();
        return cluster;
    }

    public int port() {
        return port;
    }

    /** The server's log: with {@code log_statement=all}, every statement it was sent. */
    public Path logFile() {
        return dataDir.resolve("server.log");
    }

    /** Stops the server the way an operator or a crash would end it for its clients: connections drop. */
    public void stop() throws IOException, InterruptedException {
        pgCtl("stop", "-m", "fast");
    }

    public void startAgain() throws IOException, InterruptedException {
        StringBuilder options = new StringBuilder("-p " + port + " -k " + dataDir
                + " -c listen_addresses=127.0.0.1 -c fsync=off");
        settings.forEach(setting -> options.append(" -c ").append(setting));
        pgCtl("start", "-l", logFile().toString(), "-o", options.toString());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            pgCtl("stop", "-m", "immediate");
        } catch (IllegalStateException alreadyStopped) {
            // stop() may have ended it already
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void pgCtl(String command, String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), command, "-D",
                dataDir.resolve("data").toString(), "-w", "-t", "60"));
        args.addAll(List.of(options));
        asOwner(args);
    }

    private void asOwner(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private static Path serverBinaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("the PostgreSQL server binaries are missing (" + root + "): install them "
                    + "with scripts/services.sh start");
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("no initdb under " + root));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
