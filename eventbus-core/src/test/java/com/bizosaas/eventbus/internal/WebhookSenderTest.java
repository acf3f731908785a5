package com.bizosaas.eventbus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.TestEvents;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.PayloadFormat;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.delivery.WebhookSignature;
import com.bizosaas.eventbus.delivery.WebhookTargets;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.testing.WebhookReceiver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {
    private final ExecutorService clientPool = Executors.newFixedThreadPool(4);
    private final WebhookSender sender = new WebhookSender(Duration.ofSeconds(5), Clock.systemUTC(), false,
            WebhookTargets.Resolver.SYSTEM, clientPool);
    private final WebhookReceiver receiver = receiver();
    private final UUID tenant = TestEvents.newTenant();

    private static WebhookReceiver receiver() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the test webhook receiver", e);
        }
    }

    @AfterEach
    void stop() {
        sender.close();
        receiver.close();
        clientPool.shutdownNow();
    }

    private Subscription subscriptionTo(String url) {
        return new Subscription(UUID.randomUUID(), tenant, TestEvents.TYPE, "test", DeliveryMode.WEBHOOK, url,
                WebhookSignature.newSecret(), 3, PayloadFormat.EVENTBUS, false, null, null);
    }

    private AttemptResult attempt(Subscription subscription) throws Exception {
        return attempt(sender, subscription);
    }

    private AttemptResult attempt(WebhookSender by, Subscription subscription) throws Exception {
        Event event = TestEvents.event(tenant).build();
        Delivery delivery = Delivery.pending(subscription.id(), event, event.orderingKey(), null, Instant.now());
        return by.send(subscription, event, delivery).get(10, TimeUnit.SECONDS);
    }

    /** The receiver's URL under a host name that only the sender's own resolver knows (maps to loopback). */
    private String receiverByName() {
        return receiver.url().replace("127.0.0.1", "receiver.example");
    }

    private WebhookSender denyingPrivateResolvingToLoopback() {
        return new WebhookSender(Duration.ofSeconds(5), Clock.systemUTC(), true, host -> {
            assertThat(host).isEqualTo("receiver.example");
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        }, clientPool);
    }

    @Test
    void withDenyPrivateAHostResolvingToLoopbackFailsForGoodWithoutARequest() throws Exception {
        try (WebhookSender denying = denyingPrivateResolvingToLoopback()) {
            AttemptResult result = attempt(denying, subscriptionTo(receiverByName()));

            assertThat(result.success()).isFalse();
            assertThat(result.permanent()).as("no retry can reach a refused address").isTrue();
            assertThat(result.error()).startsWith("target refused").contains("resolves to 127.0.0.1")
                    .contains("private");
            assertThat(receiver.calls()).isZero();
        }
    }

    @Test
    void aRedirectIsAFailedAttemptAndIsNotFollowed() throws Exception {
        WebhookReceiver elsewhere = receiver();
        try (elsewhere) {
            receiver.answer(307);
            receiver.withHeader("Location", elsewhere.url());

            AttemptResult result = attempt(subscriptionTo(receiver.url()));

            assertThat(result.success()).isFalse();
            assertThat(result.statusCode()).isEqualTo(307);
            assertThat(elsewhere.calls()).isZero();
        }
    }

    @Test
    void postsASignedRequestAndReportsTheStatus() throws Exception {
        Subscription subscription = subscriptionTo(receiver.url());

        AttemptResult result = attempt(subscription);

        assertThat(result.success()).isTrue();
        assertThat(result.statusCode()).isEqualTo(200);
        WebhookReceiver.Delivery request = receiver.received().get(0);
        assertThat(WebhookSignature.verify(subscription.secret(), request.header("webhook-id"),
                Long.parseLong(request.header("webhook-timestamp")), request.body(),
                request.header("webhook-signature"))).isTrue();
    }

    @Test
    void unavailableWithRetryAfterIsAFailureCarryingTheDelay() throws Exception {
        receiver.answer(503);
        receiver.withRetryAfter("7");

        AttemptResult result = attempt(subscriptionTo(receiver.url()));

        assertThat(result.success()).isFalse();
        assertThat(result.statusCode()).isEqualTo(503);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(result.gone()).isFalse();
    }

    @Test
    void goneIsReported() throws Exception {
        receiver.answer(410);

        assertThat(attempt(subscriptionTo(receiver.url())).gone()).isTrue();
    }

    @Test
    void aLinkLocalTargetIsRefusedWithoutARequest() throws Exception {
        AttemptResult result = attempt(subscriptionTo("http://169.254.169.254/latest/meta-data"));

        assertThat(result.success()).isFalse();
        assertThat(result.error()).startsWith("target refused");
    }

    @Test
    void aRequestDroppedWithoutAResponseIsSentOnceMoreInTheSameAttempt() throws Exception {
        // The second request arrives on the kept-alive connection of the first, and the receiver
        // closes that connection instead of answering: its idle timeout racing our request.
        try (DroppingReceiver dropping = new DroppingReceiver(Set.of(2))) {
            Subscription subscription = subscriptionTo(dropping.url());
            assertThat(attempt(subscription).success()).isTrue();

            AttemptResult result = attempt(subscription);

            assertThat(result.success()).isTrue();
            assertThat(dropping.requests()).isEqualTo(3);
        }
    }

    @Test
    void aReceiverThatAlwaysDropsTheRequestGetsItTwiceAndTheAttemptFails() throws Exception {
        try (DroppingReceiver dropping = new DroppingReceiver(Set.of(1, 2, 3))) {
            AttemptResult result = attempt(subscriptionTo(dropping.url()));

            assertThat(result.success()).isFalse();
            assertThat(result.statusCode()).isZero();
            assertThat(dropping.requests()).isEqualTo(2);
        }
    }

    @Test
    void closingEndsTheAttemptThreads() throws Exception {
        Set<Thread> before = attemptThreads();
        assertThat(attempt(subscriptionTo(receiver.url())).success()).isTrue();
        Set<Thread> started = attemptThreads();
        started.removeAll(before);
        assertThat(started).isNotEmpty();

        sender.close();

        for (Thread t : started) {
            t.join(5_000);
        }
        assertThat(started).noneMatch(Thread::isAlive);
    }

    private static Set<Thread> attemptThreads() {
        Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
        threads.removeIf(t -> !t.getName().startsWith("eventbus-webhook-"));
        return threads;
    }

    /**
     * A bare HTTP/1.1 receiver on a socket: reads each request whole, answers 204 keep-alive, except
     * for the requests whose numbers (from 1) it is told to drop: those it reads and then closes
     * the connection without a byte of response.
     */
    private static final class DroppingReceiver implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Set<Integer> dropped;
        private final AtomicInteger requests = new AtomicInteger();
        private final ExecutorService connections = Executors.newCachedThreadPool();

        DroppingReceiver(Set<Integer> dropped) throws IOException {
            this.dropped = dropped;
            connections.execute(this::accept);
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
        }

        int requests() {
            return requests.get();
        }

        private void accept() {
            try {
                while (true) {
                    Socket connection = socket.accept();
                    connections.execute(() -> serve(connection));
                }
            } catch (IOException closed) {
                // close() ends the loop
            }
        }

        private void serve(Socket connection) {
            try (connection; InputStream in = new BufferedInputStream(connection.getInputStream());
                 OutputStream out = connection.getOutputStream()) {
                while (readRequest(in)) {
                    if (dropped.contains(requests.incrementAndGet())) {
                        return;
                    }
                    out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        /** Reads one request's head and body; false at the end of the connection. */
        private static boolean readRequest(InputStream in) throws IOException {
            int length = 0;
            String line = readLine(in);
            if (line == null) {
                return false;
            }
            while ((line = readLine(in)) != null && !line.isEmpty()) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            in.readNBytes(length);
            return true;
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c == -1) {
                    return line.length() == 0 ? null : line.toString();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            connections.shutdownNow();
        }
    }

    @Test
    void attemptsReuseThreadsInsteadOfStartingOneEach() throws Exception {
        // HttpClient.sendAsync would complete each attempt on a new thread where the common pool has
        // parallelism 1 (2 cores); the sender must not, whatever the machine.
        Subscription subscription = subscriptionTo(receiver.url());
        attempt(subscription);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startedBefore = threads.getTotalStartedThreadCount();

        for (int i = 0; i < 100; i++) {
            assertThat(attempt(subscription).success()).isTrue();
        }

        assertThat(threads.getTotalStartedThreadCount() - startedBefore).isLessThan(20);
    }
}
