package com.bizosaas.eventbus.client;

import com.bizosaas.eventbus.client.internal.DefaultEventBusClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A service's connection to the event bus over HTTP: publish, read history, consume pull
 * subscriptions and register webhooks. Thread-safe; share one per service and close it on
 * shutdown. Calls that are safe to repeat (publishes, whose event id is fixed before the first
 * try, reads, acks) are retried on network errors, 5xx and 429; other failures are thrown as
 * {@link EventBusClientException} subclasses carrying the server's error code.
 */
public interface EventBusClient extends AutoCloseable {

    static EventBusClient create(EventBusClientConfig config) {
        return new DefaultEventBusClient(config);
    }

    /** Publishes and returns once the server has stored the event. */
    Receipt publish(PublishRequest request);

    /** Like {@link #publish}, without blocking; the future completes on the client's I/O threads. */
    CompletableFuture<Receipt> publishAsync(PublishRequest request);

    /**
     * Publishes and has the server wait for the first delivery attempt of every push
     * subscription; the outcomes are in {@link Receipt#outcomes()}.
     */
    Receipt publishAndWait(PublishRequest request);

    /** Publishes several events in one request; receipts are in request order. */
    List<Receipt> publishBatch(List<PublishRequest> requests);

    /** One page of stored events. */
    HistoryPage history(HistoryQuery query);

    /** Every stored event matching {@code query}, fetched a page at a time as the iterator advances. */
    Iterator<EventEnvelope> iterateHistory(HistoryQuery query);

    /** {@link #subscribe(String, SubscribeOptions, EventHandler)} with {@link SubscribeOptions#DEFAULTS}. */
    Subscription subscribe(String typePattern, EventHandler handler);

    /**
     * Consumes events matching {@code typePattern} ({@code lead.created}, {@code lead.*} or
     * {@code *}) with {@code handler} until the returned subscription is closed. Reuses this
     * service's existing pull subscription for the same pattern and tenant, so events published
     * while the service was down are delivered when it comes back; creates one otherwise.
     */
    Subscription subscribe(String typePattern, SubscribeOptions options, EventHandler handler);

    /** {@link #subscribe(String, SubscribeOptions, Class, TypedEventHandler)} with {@link SubscribeOptions#DEFAULTS}. */
    default <T> Subscription subscribe(String typePattern, Class<T> dataType, TypedEventHandler<T> handler) {
        return subscribe(typePattern, SubscribeOptions.DEFAULTS, dataType, handler);
    }

    /**
     * Like {@link #subscribe(String, SubscribeOptions, EventHandler)}, with each event's data mapped
     * onto {@code dataType} (a record, bean or map) once per delivery. Data that does not fit is a
     * dead letter at once (a retry cannot fix it), its error the {@link EventDataMappingException}
     * message naming the event and the type.
     */
    default <T> Subscription subscribe(String typePattern, SubscribeOptions options, Class<T> dataType,
                                       TypedEventHandler<T> handler) {
        if (dataType == null || handler == null) {
            throw new IllegalArgumentException("dataType and handler are required");
        }
        return subscribe(typePattern, options, received -> handler.handle(received,
                received.event().dataAs(dataType)));
    }

    /** Registers a webhook; the answer carries the signing secret for {@link WebhookVerifier}. */
    SubscriptionInfo registerWebhook(WebhookRegistration registration);

    /** Every subscription the server knows (all services). */
    List<SubscriptionInfo> subscriptions();

    SubscriptionInfo subscription(UUID id);

    /** Pauses a subscription: it keeps collecting events and delivers them once resumed. */
    SubscriptionInfo pauseSubscription(UUID id);

    SubscriptionInfo resumeSubscription(UUID id);

    /** Deletes a subscription; its pending deliveries are dropped. */
    void deleteSubscription(UUID id);

    // Operator calls (the eventbus-cli's): the server's JSON answers as they are, for printing.

    /**
     * A page of dead letters, oldest first: {@code {"dead_letters": [...], "next_cursor": ...}}.
     * Filters (null = any): {@code tenant_id}, {@code subscription_id}, {@code event_type},
     * {@code after} (a previous page's cursor), {@code limit}.
     */
    JsonNode deadLetters(Map<String, String> filters);

    /** One dead letter with every attempt. */
    JsonNode deadLetter(UUID id);

    /** Makes a dead letter pending again with a fresh attempt budget. */
    JsonNode redriveDeadLetter(UUID id);

    /** Discards a dead letter for good. */
    JsonNode discardDeadLetter(UUID id);

    /**
     * Starts re-delivering stored events to one subscription; {@code request} holds the server's
     * fields ({@code tenant_id}, {@code event_types}, {@code from_time}, {@code to_time},
     * {@code from_position}, {@code to_position}). Answers the job, with its {@code replay_id}.
     */
    JsonNode startReplay(UUID subscriptionId, ObjectNode request);

    /** A replay job's progress. */
    JsonNode replay(UUID replayId);

    /**
     * {@code GET /admin/tenants/{tenant_id}/rate-limit} (a platform key): the tenant's
     * {@code per_second} and {@code burst} (null when it is not limited) and their {@code source}
     * ({@code default} or {@code override}).
     */
    JsonNode rateLimit(UUID tenantId);

    /**
     * {@code PUT /admin/tenants/{tenant_id}/rate-limit} (a platform key): gives the tenant its own
     * limit at once; answers as {@link #rateLimit}. A call over a limit throws {@link RateLimitedException}.
     */
    JsonNode setRateLimit(UUID tenantId, int perSecond, int burst);

    /** {@code GET /health}: overall status and one component per dependency (an unhealthy bus answers 503, thrown). */
    JsonNode health();

    /**
     * Opens the live stream of a tenant's events ({@code GET /events/stream}), of the given types
     * (empty = all), after store position {@code afterPosition} (null = from the newest event on).
     * Not retried: a broken stream is reopened by the caller after the last position it read.
     */
    EventStream stream(UUID tenantId, List<String> eventTypes, Long afterPosition);

    /**
     * Registers an AI agent under this client's service name ({@code POST /agents}) and keeps it
     * alive with heartbeats. A pull agent with a {@code handler} pulls its tasks and runs up to
     * {@code capacity} at once, each reported with one call ({@code agent.task_completed} with
     * the handler's result, or {@code agent.task_failed}); a webhook agent ({@code handler} may be
     * null) reports through the returned worker. Close the worker to deregister.
     */
    AgentWorker agent(AgentOptions options, AgentTaskHandler handler);

    /**
     * Publishes {@code ai.analysis_requested} ({@code data} plus {@code analysis_type}; add
     * {@code agents}, {@code policy}, {@code quorum}, {@code deadline_ms} to ask several agents)
     * and completes with the aggregated outcome once the coordinator decides it, or exceptionally
     * after {@code timeout}.
     */
    CompletableFuture<AnalysisResult> requestAnalysis(UUID tenantId, String analysisType, Map<String, ?> data,
                                                      Duration timeout);

    /** The agents this key may see ({@code GET /agents}), with their load, as the server's JSON. */
    JsonNode agents();

    /** A task with its history ({@code GET /agents/tasks/{id}}). */
    JsonNode agentTask(UUID taskId);

    /** Cancels a task ({@code POST /agents/tasks/{id}/cancel}); its agent is told. */
    JsonNode cancelAgentTask(UUID taskId, String reason);

    /**
     * Saves a workflow rule ({@code POST /workflows}): {@code name}, {@code on}, optional
     * {@code condition}, {@code publish}, {@code data} (field → path), {@code set},
     * {@code target_services}, {@code tenant_id}. Not retried (a repeat would save a second rule).
     */
    JsonNode saveWorkflow(ObjectNode rule);

    /** The workflow rules this key may see ({@code GET /workflows}). */
    JsonNode workflows();

    /** Deletes a workflow rule ({@code DELETE /workflows/{id}}). */
    void deleteWorkflow(UUID ruleId);

    /** Closes the running subscriptions (letting their handlers finish), then releases connections and threads. */
    @Override
    void close();
}
