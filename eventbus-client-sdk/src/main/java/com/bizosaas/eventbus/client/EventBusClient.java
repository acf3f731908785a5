package com.bizosaas.eventbus.client;

import com.bizosaas.eventbus.client.internal.DefaultEventBusClient;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventDataMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * {@code DELETE /events/{tenant_id}/{event_id}/schedule}: withdraws a scheduled event before it
     * is due; it stays in the history.
     *
     * @throws NotFoundException the tenant has no such event
     * @throws ConflictException it was not scheduled, is already dispatched or was cancelled before
     */
    void cancelScheduled(UUID tenantId, UUID eventId);

    /** One page of stored events. */
    HistoryPage history(HistoryQuery query);

    /** Every stored event matching {@code query}, fetched a page at a time as the iterator advances. */
    Iterator<Event> iterateHistory(HistoryQuery query);

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

    /**
     * Appends to an event-sourced stream of the tenant ({@code POST /streams/{tenant}/{stream}}) if
     * it is at {@code expectedVersion} (0: it must not exist yet; -1: any). The requests' tenant
     * must be {@code tenantId}; their subject is the stream. Not retried: after a lost answer,
     * read the stream to see whether the append happened.
     *
     * @throws ConflictException {@code wrong_expected_version}, with {@link ConflictException#currentVersion()}
     */
    StreamAppended appendToStream(UUID tenantId, String streamId, long expectedVersion, List<PublishRequest> events);

    /** The stream's events from {@code fromVersion} (1 = all), in version order; empty for an unknown stream. */
    List<Event> readStream(UUID tenantId, String streamId, long fromVersion);

    /**
     * Starts a catch-up subscription of the tenant's events after {@code fromPosition} (0: from
     * the beginning), of the given types (empty: all): history first, then live, each event handed
     * to {@code handler} once and in position order. See {@link Follower}.
     */
    Follower follow(UUID tenantId, long fromPosition, List<String> eventTypes, FollowHandler handler);

    /** {@link #follow(UUID, long, List, FollowHandler)} of every type. */
    default Follower follow(UUID tenantId, long fromPosition, FollowHandler handler) {
        return follow(tenantId, fromPosition, List.of(), handler);
    }

    // Schema registry calls: the server's JSON answers as they are.

    /**
     * Registers the next version of {@code eventType}'s JSON Schema, for {@code tenantId} or, when
     * null, for every tenant (a platform key). {@code upcast}: declarative steps from the previous
     * version (null for none). Not retried.
     *
     * @throws ConflictException {@code incompatible_schema}, with {@link ConflictException#breakingChanges()}
     */
    JsonNode registerSchema(String eventType, UUID tenantId, JsonNode schema, JsonNode upcast);

    /** {@code GET /schemas}: the tenant's and the global schemas ({@code tenantId} null: the caller's or global). */
    JsonNode schemas(UUID tenantId);

    /** A type's versions in one scope (tenant, or null for global), with its compatibility. */
    JsonNode schemaVersions(String eventType, UUID tenantId);

    JsonNode schemaVersion(String eventType, int version, UUID tenantId);

    /** Sets the type's compatibility ({@code BACKWARD}, {@code FORWARD}, {@code FULL}, {@code NONE}) in one scope. */
    JsonNode setSchemaCompatibility(String eventType, UUID tenantId, String compatibility);

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

    /**
     * {@code POST /admin/api-keys} (a platform admin key): a managed key for {@code tenantId}
     * (null: a platform key) with {@code scopes} ({@code publish}, {@code subscribe}, {@code read},
     * {@code admin}), expiring at {@code expiresAt} (null: never). The answer's {@code key} is the
     * secret, shown this once. Not retried: a retry could create a second key.
     */
    JsonNode createApiKey(String name, UUID tenantId, Set<String> scopes, Instant expiresAt);

    /** {@code GET /admin/api-keys}: the managed keys of {@code tenantId} (null: all), never their secrets. */
    JsonNode apiKeys(UUID tenantId);

    /** {@code DELETE /admin/api-keys/{id}}: every instance refuses the key within seconds. Idempotent. */
    JsonNode revokeApiKey(UUID keyId);

    /**
     * {@code GET /admin/audit}: administrative actions, newest first; {@code tenantId} null: all the
     * caller may see; {@code before} 0: from the newest, else the previous page's {@code next_cursor}.
     */
    JsonNode auditLog(UUID tenantId, long before, int limit);

    /** {@code GET /admin/tenants/{tenant_id}/encryption}: the tenant's policy and current key version. */
    JsonNode encryption(UUID tenantId);

    /**
     * {@code PUT /admin/tenants/{tenant_id}/encryption}: {@code policy} {@code off}, {@code all}, or
     * {@code types} with {@code eventTypes} (empty otherwise).
     */
    JsonNode setEncryption(UUID tenantId, String policy, List<String> eventTypes);

    /** {@code POST .../encryption/rotate}: new events of the tenant use a new data key. Not retried. */
    JsonNode rotateKey(UUID tenantId);

    /** {@code POST .../encryption/re-encrypt}: moves the tenant's stored events to its current key. */
    JsonNode reEncrypt(UUID tenantId);

    /** {@code DELETE .../encryption/keys}: crypto-shreds the tenant's encrypted events, for good. */
    JsonNode shredKeys(UUID tenantId);

    /** {@code GET /health}: overall status and one component per dependency (an unhealthy bus answers 503, thrown). */
    JsonNode health();

    /**
     * {@code GET /stats}: the server instance's throughput over the last hour ({@code totals} since
     * start, and {@code points} per 10 s: published and delivered per second, failed attempts and
     * new dead letters), every tenant together, as the console's overview charts show it.
     */
    JsonNode stats();

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
