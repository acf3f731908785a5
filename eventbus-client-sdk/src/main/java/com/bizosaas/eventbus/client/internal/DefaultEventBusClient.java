package com.bizosaas.eventbus.client.internal;

import com.bizosaas.eventbus.client.AgentOptions;
import com.bizosaas.eventbus.client.AgentTaskHandler;
import com.bizosaas.eventbus.client.AgentWorker;
import com.bizosaas.eventbus.client.AnalysisResult;
import com.bizosaas.eventbus.client.EventBusClient;
import com.bizosaas.eventbus.client.EventBusClientConfig;
import com.bizosaas.eventbus.client.EventBusClientException;
import com.bizosaas.eventbus.client.EventHandler;
import com.bizosaas.eventbus.client.EventStream;
import com.bizosaas.eventbus.client.FollowHandler;
import com.bizosaas.eventbus.client.Follower;
import com.bizosaas.eventbus.client.HistoryPage;
import com.bizosaas.eventbus.client.HistoryQuery;
import com.bizosaas.eventbus.client.PublishRequest;
import com.bizosaas.eventbus.client.Receipt;
import com.bizosaas.eventbus.client.StreamAppended;
import com.bizosaas.eventbus.client.SubscribeOptions;
import com.bizosaas.eventbus.client.Subscription;
import com.bizosaas.eventbus.client.SubscriptionInfo;
import com.bizosaas.eventbus.client.WebhookRegistration;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventData;
import com.bizosaas.eventbus.model.EventIds;
import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** The OkHttp implementation of {@link EventBusClient}. Thread-safe. */
public final class DefaultEventBusClient implements EventBusClient {
    /** Servers close idle keep-alive connections after ~30 s; dropping ours sooner avoids reusing a dead one. */
    private static final Duration IDLE_CONNECTION_TTL = Duration.ofSeconds(15);
    private static final int MAX_CONCURRENT_REQUESTS = 64;
    /** The body of a POST that takes no fields: OkHttp sends no POST without one. */
    private static final Map<String, Object> NO_FIELDS = Map.of();

    private final EventBusClientConfig config;
    private final OkHttpClient http;
    private final HttpTransport transport;
    private final HttpTransport polling;
    /** The live stream's transport: the server sends a keep-alive after 15 s of silence, so a minute without a byte is a dead connection. */
    private final HttpTransport streaming;
    private final ScheduledExecutorService retryTimer;
    /** Orders scheduling a retry against {@link #close()}; guards the two fields below. */
    private final Object retryLock = new Object();
    private final Set<PendingRetry> pendingRetries = new HashSet<>();
    private boolean closed;
    private final Retrier retrier;
    /** How often {@link #requestAnalysis} asks whether its request is decided. */
    private static final long DECISION_POLL_MS = 200;
    private final Set<PullConsumer> consumers = ConcurrentHashMap.newKeySet();
    private final Set<StreamFollower> followers = ConcurrentHashMap.newKeySet();

    /** Body of {@code POST /events/subscribe}, for pull and webhook subscriptions alike. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record SubscribeBody(
            @JsonProperty("event_type") String eventType,
            @JsonProperty("service_name") String serviceName,
            @JsonProperty("delivery_mode") String deliveryMode,
            @JsonProperty("webhook_url") String webhookUrl,
            @JsonProperty("tenant_id") UUID tenantId,
            @JsonProperty("max_attempts") Integer maxAttempts,
            String format,
            Boolean ordered,
            JsonNode filter,
            @JsonProperty("max_per_second") Integer maxPerSecond) {
    }

    private record BatchBody(List<PublishRequest> events) {
    }

    public DefaultEventBusClient(EventBusClientConfig config) {
        this.config = config;
        Dispatcher dispatcher = new Dispatcher();
        // OkHttp allows 5 concurrent async calls per host by default: too few for a busy publisher.
        dispatcher.setMaxRequests(MAX_CONCURRENT_REQUESTS);
        dispatcher.setMaxRequestsPerHost(MAX_CONCURRENT_REQUESTS);
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(5, IDLE_CONNECTION_TTL.toMillis(), TimeUnit.MILLISECONDS))
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.requestTimeout())
                .writeTimeout(config.requestTimeout())
                // Our Retrier owns retries (with backoff and only for calls that are safe to repeat).
                .retryOnConnectionFailure(false)
                .build();
        this.transport = new HttpTransport(http, config.baseUrl(), config.apiKey());
        this.polling = transport.withReadTimeout(config.requestTimeout().plus(config.pollWait()));
        this.streaming = transport.withReadTimeout(Duration.ofMinutes(1));
        this.retryTimer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "eventbus-client-retry");
            thread.setDaemon(true);
            return thread;
        });
        this.retrier = new Retrier(config.maxAttempts(),
                new Backoff(config.retryInitialBackoff(), config.retryMaxBackoff()),
                this::scheduleRetry);
    }

    /**
     * Retries are recorded here, not only in the timer's queue, because {@link #close()} must run
     * the waiting ones itself: a task drained from a {@code ScheduledThreadPoolExecutor} by
     * {@code shutdownNow} cancels itself when run, and its caller would wait forever.
     */
    private void scheduleRetry(Runnable task, Duration delay) {
        synchronized (retryLock) {
            if (closed) {
                throw new RejectedExecutionException("the client is closed");
            }
            PendingRetry retry = new PendingRetry(task);
            pendingRetries.add(retry);
            retryTimer.schedule(retry, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A scheduled retry that runs once: from the timer when due, or from {@link #close()}. */
    private final class PendingRetry implements Runnable {
        private final Runnable task;

        PendingRetry(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            boolean due;
            synchronized (retryLock) {
                due = pendingRetries.remove(this);
            }
            if (due) {
                task.run();
            }
        }
    }

    @Override
    public Receipt publish(PublishRequest request) {
        return await(publishAsync(request));
    }

    @Override
    public CompletableFuture<Receipt> publishAsync(PublishRequest request) {
        PublishRequest prepared = prepare(request);
        return publishBody(prepared, WireJson.toTree(prepared));
    }

    @Override
    public Receipt publishAndWait(PublishRequest request) {
        PublishRequest prepared = prepare(request);
        ObjectNode body = WireJson.toTree(prepared);
        body.put("sync", true);
        return await(publishBody(prepared, body));
    }

    private CompletableFuture<Receipt> publishBody(PublishRequest prepared, ObjectNode body) {
        String key = prepared.idempotencyKey() != null ? prepared.idempotencyKey() : prepared.eventId().toString();
        return retrier.call("POST events/publish", () -> transport.enqueue(
                transport.newCall("POST", "events/publish", body, Map.of("Idempotency-Key", key))))
                .thenApply(answer -> WireJson.convert(answer, Receipt.class));
    }

    @Override
    public List<Receipt> publishBatch(List<PublishRequest> requests) {
        BatchBody body = new BatchBody(requests.stream().map(this::prepare).toList());
        JsonNode answer = await(retrier.call("POST events/publish",
                () -> transport.enqueue(transport.newCall("POST", "events/publish", body))));
        return listOf(answer.path("events"), Receipt.class);
    }

    /** Fixes the event id before the first try, so every retry names the same event. */
    private PublishRequest prepare(PublishRequest request) {
        if (request.eventId() != null && request.sourceService() != null) {
            return request;
        }
        return request.toBuilder()
                .eventId(request.eventId() != null ? request.eventId() : EventIds.next())
                .sourceService(request.sourceService() != null ? request.sourceService() : config.serviceName())
                .build();
    }

    @Override
    public HistoryPage history(HistoryQuery query) {
        return WireJson.convert(read("POST", "events/history", query), HistoryPage.class);
    }

    @Override
    public Iterator<Event> iterateHistory(HistoryQuery query) {
        return new HistoryIterator(this::history, query);
    }

    @Override
    public Subscription subscribe(String typePattern, EventHandler handler) {
        return subscribe(typePattern, SubscribeOptions.DEFAULTS, handler);
    }

    @Override
    public Subscription subscribe(String typePattern, SubscribeOptions options, EventHandler handler) {
        Objects.requireNonNull(typePattern, "typePattern");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        SubscriptionInfo info = subscriptions().stream()
                .filter(s -> "pull".equals(s.deliveryMode()) && config.serviceName().equals(s.serviceName())
                        && typePattern.equals(s.eventType()) && Objects.equals(options.tenantId(), s.tenantId())
                        && Objects.equals(options.filter(), s.filter()))
                .findFirst()
                .orElseGet(() -> create(new SubscribeBody(typePattern, config.serviceName(), "pull", null,
                        options.tenantId(), options.maxAttempts(), null, null, options.filter(), null)));
        PullConsumer consumer = new PullConsumer(info, handler, options, polling, retrier, config.pollWait(),
                config.retryInitialBackoff());
        consumers.removeIf(c -> !c.isRunning());
        consumers.add(consumer);
        return consumer.start();
    }

    @Override
    public SubscriptionInfo registerWebhook(WebhookRegistration registration) {
        return create(new SubscribeBody(registration.eventType(), config.serviceName(), "webhook",
                registration.webhookUrl(), registration.tenantId(), registration.maxAttempts(),
                registration.cloudEvents() ? "cloudevents" : "eventbus", registration.ordered(), registration.filter(),
                registration.maxPerSecond()));
    }

    /** Not retried: the server has no idempotency for subscriptions, a repeat could create two. */
    private SubscriptionInfo create(SubscribeBody body) {
        JsonNode answer = await(transport.enqueue(transport.newCall("POST", "events/subscribe", body)));
        return WireJson.convert(answer, SubscriptionInfo.class);
    }

    @Override
    public List<SubscriptionInfo> subscriptions() {
        JsonNode answer = read("GET", "subscriptions", null);
        return listOf(answer.path("subscriptions"), SubscriptionInfo.class);
    }

    @Override
    public SubscriptionInfo subscription(UUID id) {
        return WireJson.convert(read("GET", "subscriptions/" + id, null), SubscriptionInfo.class);
    }

    @Override
    public SubscriptionInfo pauseSubscription(UUID id) {
        return WireJson.convert(read("POST", "subscriptions/" + id + "/pause", NO_FIELDS), SubscriptionInfo.class);
    }

    @Override
    public SubscriptionInfo resumeSubscription(UUID id) {
        return WireJson.convert(read("POST", "subscriptions/" + id + "/resume", NO_FIELDS), SubscriptionInfo.class);
    }

    @Override
    public void cancelScheduled(UUID tenantId, UUID eventId) {
        read("DELETE", "events/" + tenantId + "/" + eventId + "/schedule", null);
    }

    @Override
    public void deleteSubscription(UUID id) {
        read("DELETE", "subscriptions/" + id, null);
    }

    @Override
    public JsonNode deadLetters(Map<String, String> filters) {
        return await(retrier.call("GET dead-letters", () -> transport.enqueue(transport.newGet("dead-letters", filters))));
    }

    @Override
    public JsonNode deadLetter(UUID id) {
        return read("GET", "dead-letters/" + id, null);
    }

    @Override
    public JsonNode redriveDeadLetter(UUID id) {
        return read("POST", "dead-letters/" + id + "/redrive", NO_FIELDS);
    }

    @Override
    public JsonNode discardDeadLetter(UUID id) {
        return read("DELETE", "dead-letters/" + id, null);
    }

    /** Not retried: a repeat after a lost answer would start a second replay. */
    @Override
    public JsonNode startReplay(UUID subscriptionId, ObjectNode request) {
        return await(transport.enqueue(transport.newCall("POST", "subscriptions/" + subscriptionId + "/replay", request)));
    }

    @Override
    public JsonNode replay(UUID replayId) {
        return read("GET", "replays/" + replayId, null);
    }

    @Override
    public JsonNode rateLimit(UUID tenantId) {
        return read("GET", rateLimitPath(tenantId), null);
    }

    /** Retried like a read: setting the same limit twice is the same as once. */
    @Override
    public JsonNode setRateLimit(UUID tenantId, int perSecond, int burst) {
        return read("PUT", rateLimitPath(tenantId), Map.of("per_second", perSecond, "burst", burst));
    }

    private static String rateLimitPath(UUID tenantId) {
        return "admin/tenants/" + tenantId + "/rate-limit";
    }

    @Override
    public JsonNode createApiKey(String name, UUID tenantId, Set<String> scopes, Instant expiresAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("tenant_id", tenantId == null ? "*" : tenantId.toString());
        body.put("scopes", List.copyOf(scopes));
        if (expiresAt != null) {
            body.put("expires_at", expiresAt.toString());
        }
        return await(transport.enqueue(transport.newCall("POST", "admin/api-keys", body)));
    }

    @Override
    public JsonNode apiKeys(UUID tenantId) {
        Map<String, String> query = new HashMap<>();
        query.put("tenant_id", tenantId == null ? null : tenantId.toString());
        return get("admin/api-keys", query);
    }

    /** Retried like a read: revoking twice is revoking once. */
    @Override
    public JsonNode revokeApiKey(UUID keyId) {
        return read("DELETE", "admin/api-keys/" + keyId, null);
    }

    @Override
    public JsonNode auditLog(UUID tenantId, long before, int limit) {
        Map<String, String> query = new HashMap<>();
        query.put("limit", Integer.toString(limit));
        query.put("before", before > 0 ? Long.toString(before) : null);
        query.put("tenant_id", tenantId == null ? null : tenantId.toString());
        return get("admin/audit", query);
    }

    @Override
    public JsonNode encryption(UUID tenantId) {
        return read("GET", encryptionPath(tenantId), null);
    }

    @Override
    public JsonNode setEncryption(UUID tenantId, String policy, List<String> eventTypes) {
        Map<String, Object> body = new HashMap<>();
        body.put("policy", policy);
        if (!eventTypes.isEmpty()) {
            body.put("event_types", List.copyOf(eventTypes));
        }
        return read("PUT", encryptionPath(tenantId), body);
    }

    @Override
    public JsonNode rotateKey(UUID tenantId) {
        return await(transport.enqueue(transport.newCall("POST", encryptionPath(tenantId) + "/rotate", Map.of())));
    }

    /** Retried: re-encrypting again finds nothing left to move. */
    @Override
    public JsonNode reEncrypt(UUID tenantId) {
        return read("POST", encryptionPath(tenantId) + "/re-encrypt", Map.of());
    }

    @Override
    public JsonNode shredKeys(UUID tenantId) {
        return read("DELETE", encryptionPath(tenantId) + "/keys", null);
    }

    private JsonNode get(String path, Map<String, String> query) {
        return await(retrier.call("GET " + path, () -> transport.enqueue(transport.newGet(path, query))));
    }

    private static String encryptionPath(UUID tenantId) {
        return "admin/tenants/" + tenantId + "/encryption";
    }

    @Override
    public StreamAppended appendToStream(UUID tenantId, String streamId, long expectedVersion,
                                         List<PublishRequest> events) {
        Map<String, Object> body = new HashMap<>();
        body.put("expected_version", expectedVersion);
        body.put("events", events);
        JsonNode answer = await(transport.enqueue(transport.newCall("POST", streamPath(tenantId, streamId), body)));
        return new StreamAppended(answer.get("version").asLong(), listOf(answer.get("events"), Event.class));
    }

    @Override
    public List<Event> readStream(UUID tenantId, String streamId, long fromVersion) {
        String path = streamPath(tenantId, streamId);
        JsonNode answer = await(retrier.call("GET " + path, () -> transport.enqueue(
                transport.newGet(path, Map.of("from_version", Long.toString(fromVersion))))));
        return listOf(answer.get("events"), Event.class);
    }

    private static String streamPath(UUID tenantId, String streamId) {
        if (tenantId == null || streamId == null || streamId.isBlank() || streamId.contains("/")) {
            throw new IllegalArgumentException("tenantId and a streamId without '/' are required; got " + streamId);
        }
        // OkHttp percent-encodes the segment; a '/' would make two.
        return "streams/" + tenantId + "/" + streamId;
    }

    @Override
    public Follower follow(UUID tenantId, long fromPosition, List<String> eventTypes, FollowHandler handler) {
        if (tenantId == null || eventTypes == null || handler == null || fromPosition < 0) {
            throw new IllegalArgumentException("tenantId, eventTypes and handler are required and fromPosition must "
                    + "not be negative; got " + fromPosition);
        }
        StreamFollower follower = new StreamFollower(this, tenantId, fromPosition, eventTypes, handler,
                new Backoff(config.retryInitialBackoff(), config.retryMaxBackoff()), followers::remove);
        followers.add(follower);
        return follower.start();
    }

    @Override
    public JsonNode registerSchema(String eventType, UUID tenantId, JsonNode schema, JsonNode upcast) {
        Map<String, Object> body = new HashMap<>();
        body.put("schema", schema);
        if (tenantId != null) {
            body.put("tenant_id", tenantId);
        }
        if (upcast != null) {
            body.put("upcast", upcast);
        }
        return await(transport.enqueue(transport.newCall("POST", schemaPath(eventType) + "/versions", body)));
    }

    @Override
    public JsonNode schemas(UUID tenantId) {
        return schemaRead("schemas", tenantId);
    }

    @Override
    public JsonNode schemaVersions(String eventType, UUID tenantId) {
        return schemaRead(schemaPath(eventType) + "/versions", tenantId);
    }

    @Override
    public JsonNode schemaVersion(String eventType, int version, UUID tenantId) {
        return schemaRead(schemaPath(eventType) + "/versions/" + version, tenantId);
    }

    /** Retried like a read: setting the same value twice is the same as once. */
    @Override
    public JsonNode setSchemaCompatibility(String eventType, UUID tenantId, String compatibility) {
        Map<String, Object> body = new HashMap<>();
        body.put("compatibility", compatibility);
        if (tenantId != null) {
            body.put("tenant_id", tenantId);
        }
        return read("PUT", schemaPath(eventType) + "/compatibility", body);
    }

    private JsonNode schemaRead(String path, UUID tenantId) {
        Map<String, String> query = new HashMap<>();
        query.put("tenant_id", tenantId == null ? null : tenantId.toString());
        return await(retrier.call("GET " + path, () -> transport.enqueue(transport.newGet(path, query))));
    }

    private static String schemaPath(String eventType) {
        if (eventType == null || eventType.isBlank() || eventType.contains("/")) {
            throw new IllegalArgumentException("an eventType such as lead.created is required; got " + eventType);
        }
        return "schemas/" + eventType;
    }

    @Override
    public JsonNode health() {
        return read("GET", "health", null);
    }

    @Override
    public JsonNode stats() {
        return read("GET", "stats", null);
    }

    @Override
    public EventStream stream(UUID tenantId, List<String> eventTypes, Long afterPosition) {
        Map<String, String> query = new HashMap<>();
        query.put("tenant_id", tenantId.toString());
        query.put("event_types", eventTypes.isEmpty() ? null : String.join(",", eventTypes));
        query.put("after", afterPosition == null ? null : afterPosition.toString());
        Call call = streaming.newGet("events/stream", query);
        return new SseEventStream(call, streaming.open(call));
    }

    @Override
    public JsonNode agents() {
        return read("GET", "agents", null);
    }

    @Override
    public JsonNode agentTask(UUID taskId) {
        return read("GET", "agents/tasks/" + taskId, null);
    }

    @Override
    public JsonNode cancelAgentTask(UUID taskId, String reason) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (reason != null) {
            body.put("reason", reason);
        }
        return await(transport.enqueue(transport.newCall("POST", "agents/tasks/" + taskId + "/cancel", body)));
    }

    @Override
    public JsonNode saveWorkflow(ObjectNode rule) {
        return await(transport.enqueue(transport.newCall("POST", "workflows", Objects.requireNonNull(rule, "rule"))));
    }

    @Override
    public JsonNode workflows() {
        return read("GET", "workflows", null);
    }

    @Override
    public void deleteWorkflow(UUID ruleId) {
        read("DELETE", "workflows/" + ruleId, null);
    }

    /** Not retried: a repeat would register a second agent. */
    @Override
    public AgentWorker agent(AgentOptions options, AgentTaskHandler handler) {
        Objects.requireNonNull(options, "options");
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("service_name", config.serviceName());
        body.set("task_types", WireJson.toTree(options.taskTypes()));
        body.put("capacity", options.capacity());
        body.put("delivery", options.webhookUrl() == null ? "pull" : "webhook");
        if (options.webhookUrl() != null) {
            body.put("webhook_url", options.webhookUrl());
        }
        if (options.tenantId() != null) {
            body.put("tenant_id", options.tenantId().toString());
        }
        JsonNode registration = await(transport.enqueue(transport.newCall("POST", "agents", body)));
        AgentRunner runner = new AgentRunner(this, transport, registration, config.serviceName(), options);
        if (options.webhookUrl() == null && handler != null) {
            SubscriptionInfo info = subscription(runner.subscriptionId());
            SubscribeOptions pullOptions = SubscribeOptions.builder().concurrency(options.capacity()).build();
            runner.pull(handler, eventHandler -> {
                PullConsumer consumer = new PullConsumer(info, eventHandler, pullOptions, polling, retrier,
                        config.pollWait(), config.retryInitialBackoff());
                consumers.add(consumer);
                return consumer.start();
            });
        }
        return runner;
    }

    @Override
    public CompletableFuture<AnalysisResult> requestAnalysis(UUID tenantId, String analysisType, Map<String, ?> data,
                                                             Duration timeout) {
        ObjectNode body = data == null ? JsonNodeFactory.instance.objectNode() : EventData.toObject(data);
        body.put("analysis_type", Objects.requireNonNull(analysisType, "analysisType"));
        Receipt receipt = publish(PublishRequest.builder("ai.analysis_requested", tenantId).data(body).build());
        CompletableFuture<AnalysisResult> result = new CompletableFuture<>();
        awaitDecision(receipt.eventId(), result, System.nanoTime() + timeout.toNanos());
        return result;
    }

    /** Polls the request until decided: 404 until the coordinator has taken it up, then open, then decided. */
    private void awaitDecision(UUID requestId, CompletableFuture<AnalysisResult> result, long deadline) {
        transport.enqueue(transport.newCall("GET", "agents/requests/" + requestId, null)).whenComplete((json, e) -> {
            String status = json == null ? "open" : json.path("status").asText("open");
            if (!"open".equals(status)) {
                result.complete(new AnalysisResult(requestId, status, json.path("outcome")));
            } else if (System.nanoTime() - deadline > 0) {
                result.completeExceptionally(new TimeoutException("analysis request " + requestId
                        + " not decided in time" + (e == null ? "" : "; last error: " + e)));
            } else {
                try {
                    retryTimer.schedule(() -> awaitDecision(requestId, result, deadline), DECISION_POLL_MS,
                            TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closed) {
                    result.completeExceptionally(new IllegalStateException("the client was closed"));
                }
            }
        });
    }

    @Override
    public void close() {
        consumers.forEach(PullConsumer::close);
        List.copyOf(followers).forEach(StreamFollower::close);
        http.dispatcher().executorService().shutdown();
        List<PendingRetry> waiting;
        synchronized (retryLock) {
            closed = true;
            waiting = List.copyOf(pendingRetries);
        }
        retryTimer.shutdownNow();
        // Retries still waiting run now: against the stopped dispatcher they fail at once, and
        // their callers get an error instead of waiting forever.
        waiting.forEach(PendingRetry::run);
        http.connectionPool().evictAll();
    }

    private JsonNode read(String method, String path, Object body) {
        return await(retrier.call(method + " " + path, () -> transport.enqueue(transport.newCall(method, path, body))));
    }

    private static <T> List<T> listOf(JsonNode array, Class<T> type) {
        List<T> items = new ArrayList<>();
        for (JsonNode item : array) {
            items.add(WireJson.convert(item, type));
        }
        return List.copyOf(items);
    }

    /** Blocks for {@code future}, rethrowing its failure as it was raised. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new EventBusClientException("interrupted", "interrupted while waiting for the event bus", 0,
                    false, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new EventBusClientException("client_error", String.valueOf(cause), 0, false, cause);
        }
    }
}
