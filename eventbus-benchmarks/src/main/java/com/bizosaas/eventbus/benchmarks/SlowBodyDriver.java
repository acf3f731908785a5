package com.bizosaas.eventbus.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The slow-body attack against a running server: {@code connections} clients (spread over the
 * loopback addresses 127.0.0.2-5) send a publish's headers and then one byte of body per second,
 * never finishing. Reports the latency of {@code GET /health/live} and of a normal
 * {@code POST /events/publish} (called in turn, one at a time, from 127.0.0.1, after an untimed
 * warm-up) first without and then during the attack, 2 s after the attackers connected; a call
 * that takes over 3 s (or fails) is given up and counted at 3 s. Args:
 * {@code <baseUrl> [connections] [samples]}, defaults 1,000 and 200.
 */
public final class SlowBodyDriver {
    private static final String[] ATTACKER_ADDRESSES = {"127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"};
    private static final Duration GIVE_UP = Duration.ofSeconds(3);
    private static final int WARM_UP_CALLS = 100;
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(GIVE_UP).build();
    private final String baseUrl;
    private final String publishBody = "{\"event_type\": \"lead.created\", \"tenant_id\": \"" + UUID.randomUUID() + "\"}";
    private final AtomicInteger givenUp = new AtomicInteger();

    private SlowBodyDriver(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        SlowBodyDriver driver = new SlowBodyDriver(baseUrl);
        URI uri = URI.create(baseUrl);

        driver.warmUp();
        driver.measure("no slow connections", samples);
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < connections; i++) {
                slow.add(openSlow(uri, ATTACKER_ADDRESSES[i % ATTACKER_ADDRESSES.length]));
            }
            trickler.scheduleWithFixedDelay(() -> trickle(slow), 1, 1, TimeUnit.SECONDS);
            // Every connection has sent its headers: let the server take them all in before measuring.
            Thread.sleep(SETTLE.toMillis());
            driver.measure(connections + " slow connections", samples);
            System.out.println("slow connections still open at the end: " + trickle(slow) + " of " + connections);
        } finally {
            trickler.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /** Before any slow connection, so the server's and this client's code paths are compiled. */
    private void warmUp() {
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            call(health());
            call(publish());
        }
    }

    private void measure(String label, int samples) {
        givenUp.set(0);
        Latencies health = new Latencies(samples);
        Latencies publish = new Latencies(samples);
        for (int i = 0; i < samples; i++) {
            health.record(call(health()));
            publish.record(call(publish()));
        }
        System.out.println(label + ": /health/live " + health.summary());
        System.out.println(label + ": publish " + publish.summary() + "; calls given up after "
                + GIVE_UP.toSeconds() + " s: " + givenUp.get());
    }

    private HttpRequest health() {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/health/live")).timeout(GIVE_UP).GET().build();
    }

    private HttpRequest publish() {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/events/publish")).timeout(GIVE_UP)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(publishBody)).build();
    }

    /** Nanoseconds until the answer; a call given up (or failed) counts as {@link #GIVE_UP}. */
    private long call(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return System.nanoTime() - start;
        } catch (IOException e) {
            givenUp.incrementAndGet();
            return GIVE_UP.toNanos();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Socket openSlow(URI server, String sourceAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(sourceAddress, 0));
        socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), (int) GIVE_UP.toMillis());
        socket.getOutputStream().write(("POST /events/publish HTTP/1.1\r\nHost: " + server.getHost()
                + "\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** One more byte on every connection; returns how many took it. */
    private static int trickle(List<Socket> sockets) {
        int open = 0;
        for (Socket socket : sockets) {
            try {
                socket.getOutputStream().write(' ');
                open++;
            } catch (IOException e) {
                // closed by the server: not counted
            }
        }
        return open;
    }
}
