package com.bizosaas.eventbus.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;

/**
 * The seed's memory limit (512Mi per pod): runs the server jar as its own process with the JVM
 * options of the {@code Dockerfile} ({@code JAVA_TOOL_OPTIONS}) and {@code -XX:MaxRAM=512m} standing
 * in for the container's limit, on the PostgreSQL store and the Redis broker (the seed's
 * deployment), publishes single {@code lead.created} events at a fixed rate with one webhook
 * subscription receiving them, and samples the process's resident set ({@code VmRSS} in
 * {@code /proc/<pid>/status}) every second. Reports the peak, each quarter's peak and mean, and the
 * least-squares slope over the second half. Args: {@code [serverJar] [Dockerfile] [perSecond]
 * [seconds]}, defaults {@code eventbus-server/target/eventbus-server.jar}, {@code Dockerfile},
 * 1,000 and 600. Needs PostgreSQL and Redis on 127.0.0.1 ({@code scripts/services.sh start}).
 */
public final class ServerMemoryDriver {
    private static final Pattern TOOL_OPTIONS = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"");
    private static final String CONTAINER_LIMIT = "-XX:MaxRAM=512m";
    private static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final int MAX_IN_FLIGHT = 256;
    private static final int TICKS_PER_SECOND = 100;

    private ServerMemoryDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "eventbus-server/target/eventbus-server.jar");
        Path dockerfile = Path.of(args.length > 1 ? args[1] : "Dockerfile");
        int perSecond = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 600;
        String jvmOptions = containerJvmOptions(dockerfile);
        String schema = "eventbus_mem_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        int port = freePort();
        System.out.printf("server: %s, JAVA_TOOL_OPTIONS=\"%s\" plus %s, %d events/s for %d s%n",
                jar, jvmOptions, CONTAINER_LIMIT, perSecond, seconds);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + port;
        Process server = startServer(jar, jvmOptions, schema, port);
        try (WebhookSink sink = new WebhookSink()) {
            awaitReady(http, base, server);
            String tenant = UUID.randomUUID().toString();
            post(http, base + "/events/subscribe", """
                    {"event_type": "lead.*", "service_name": "memory-driver", "tenant_id": "%s", "webhook_url": "%s"}"""
                    .formatted(tenant, sink.url()));
            List<Long> rssKib = run(http, base, server.pid(), tenant, perSecond, seconds, sink);
            report(rssKib);
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
            server.destroyForcibly();
            cleanUp(schema);
        }
    }

    /** The options the image gives the JVM, read from the Dockerfile so this run and the image cannot drift apart. */
    static String containerJvmOptions(Path dockerfile) throws IOException {
        Matcher m = TOOL_OPTIONS.matcher(Files.readString(dockerfile));
        if (!m.find()) {
            throw new IllegalStateException(dockerfile + " sets no JAVA_TOOL_OPTIONS=\"...\"");
        }
        return m.group(1);
    }

    private static Process startServer(Path jar, String jvmOptions, String schema, int port) throws IOException {
        Path log = Path.of("target", "server-memory-" + schema + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), CONTAINER_LIMIT, "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("EVENTBUS_"));
        env.put("JAVA_TOOL_OPTIONS", jvmOptions);
        env.put("EVENTBUS_STORE", "postgres");
        env.put("EVENTBUS_POSTGRES_HOST", "127.0.0.1");
        env.put("EVENTBUS_POSTGRES_USER", "postgres");
        env.put("EVENTBUS_POSTGRES_PASSWORD", "");
        env.put("EVENTBUS_POSTGRES_DB", "test");
        env.put("EVENTBUS_POSTGRES_SCHEMA", schema);
        env.put("EVENTBUS_BROKER_TYPE", "redis");
        env.put("EVENTBUS_REDIS_HOST", "127.0.0.1");
        env.put("EVENTBUS_REDIS_STREAM_PREFIX", schema + ":");
        env.put("EVENTBUS_SERVICE_PORT", Integer.toString(port));
        System.out.println("server log: " + log);
        return builder.start();
    }

    static void awaitReady(HttpClient http, String base, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited with " + server.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server was not ready within 90 s");
    }

    /** Publishes at the paced rate while sampling RSS once a second; returns the samples in KiB. */
    private static List<Long> run(HttpClient http, String base, long pid, String tenant, int perSecond, int seconds,
                                  WebhookSink sink) throws Exception {
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        String body = """
                {"event_type": "lead.created", "tenant_id": "%s", "source_service": "crm-service", "data": %s}"""
                .formatted(tenant, LeadCreated.data());
        HttpRequest publish = HttpRequest.newBuilder(URI.create(base + "/events/publish"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        List<Long> samples = new ArrayList<>();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        long perTick = perSecond / TICKS_PER_SECOND;
        timer.scheduleAtFixedRate(() -> {
            for (int i = 0; i < perTick; i++) {
                if (!inFlight.tryAcquire()) {
                    skipped.incrementAndGet();
                    continue;
                }
                http.sendAsync(publish, HttpResponse.BodyHandlers.discarding()).whenComplete((reply, error) -> {
                    inFlight.release();
                    (error == null && reply.statusCode() / 100 == 2 ? acknowledged : failed).incrementAndGet();
                });
            }
        }, 0, 1_000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        for (int s = 1; s <= seconds; s++) {
            long next = start + TimeUnit.SECONDS.toNanos(s);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
            samples.add(rssKib(pid));
            if (s % 60 == 0) {
                System.out.printf("%4d s: RSS %d MiB, %d acknowledged, %d failed, %d not sent (%d in flight), %d webhooks%n",
                        s, samples.get(s - 1) / 1024, acknowledged.get(), failed.get(), skipped.get(),
                        MAX_IN_FLIGHT - inFlight.availablePermits(), sink.received().get());
            }
        }
        timer.shutdownNow();
        System.out.printf("published: %d acknowledged (%.0f/s), %d failed, %d not sent (in-flight cap), %d webhooks received%n",
                acknowledged.get(), acknowledged.get() / (double) seconds, failed.get(), skipped.get(), sink.received().get());
        return samples;
    }

    private static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
    }

    private static void report(List<Long> kib) {
        int n = kib.size();
        System.out.printf("peak RSS: %.1f MiB%n", kib.stream().mapToLong(Long::longValue).max().orElse(0) / 1024.0);
        for (int q = 0; q < 4; q++) {
            List<Long> quarter = kib.subList(q * n / 4, (q + 1) * n / 4);
            System.out.printf("quarter %d: peak %.1f MiB, mean %.1f MiB%n", q + 1,
                    quarter.stream().mapToLong(Long::longValue).max().orElse(0) / 1024.0,
                    quarter.stream().mapToLong(Long::longValue).average().orElse(0) / 1024.0);
        }
        List<Long> half = kib.subList(n / 2, n);
        double meanX = (half.size() - 1) / 2.0;
        double meanY = half.stream().mapToLong(Long::longValue).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < half.size(); i++) {
            num += (i - meanX) * (half.get(i) - meanY);
            den += (i - meanX) * (i - meanX);
        }
        System.out.printf("second half slope: %.2f MiB/min%n", den == 0 ? 0 : num / den * 60 / 1024.0);
    }

    static void post(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + reply.statusCode() + ": " + reply.body());
        }
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void cleanUp(String schema) throws Exception {
        try (Connection db = DriverManager.getConnection(JDBC_URL, "postgres", "");
             Statement sql = db.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        try (Jedis redis = new Jedis("127.0.0.1", 6379)) {
            Set<String> keys = redis.keys(schema + ":*");
            if (!keys.isEmpty()) {
                redis.del(keys.toArray(String[]::new));
            }
        }
    }
}
