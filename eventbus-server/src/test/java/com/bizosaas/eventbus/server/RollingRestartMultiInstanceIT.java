package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.bizosaas.eventbus.testing.WebhookReceiver;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 23: a rolling restart, as a Kubernetes rollout does it. Three instances on PostgreSQL and
 * Redis take publish load; each in turn gets SIGTERM and is started again once it has exited,
 * the next only when the restarted one is ready. No publish request may fail in a way a load
 * balancer could not hide (a draining instance's 503 and a refused connection are retried on the
 * next instance; a reset connection or any other error counts), and every acknowledged event
 * reaches the webhook.
 */
class RollingRestartMultiInstanceIT {
    /** More than the run needs: the load is stopped once every instance has been restarted. */
    private static final int BATCHES = 1_000_000;
    private static final int BATCH = 10;

    private final String tenant = UUID.randomUUID().toString();

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void noRequestFailsAndNothingIsLostWhileEveryInstanceIsRestartedInTurn() throws Exception {
        try (ServerCluster cluster = new ServerCluster("rolling", 3, Map.of()).start();
             WebhookReceiver receiver = new WebhookReceiver()) {
            Reply subscribed = cluster.http(0).post("/events/subscribe", """
                    {"event_type": "scale.*", "service_name": "rolling-test", "tenant_id": "%s", "webhook_url": "%s",
                     "max_attempts": 20}""".formatted(tenant, receiver.url()));
            assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
            awaitSubscriptionEverywhere(cluster, receiver);

            ClusterLoad load = new ClusterLoad(cluster, tenant, 32, BATCH);
            load.start(BATCHES);
            for (int instance = 0; instance < cluster.size(); instance++) {
                int before = load.acknowledged().size();
                Await.until("more events acknowledged before instance " + instance + " is restarted",
                        Duration.ofSeconds(60), () -> load.acknowledged().size() > before + 100);
                cluster.terminate(instance);
                cluster.restart(instance);
            }
            load.stop();
            load.finish();

            assertThat(load.failures()).as("publish requests that failed during the rolling restart").isEmpty();
            Set<String> all = load.acknowledged().keySet();
            Await.until("every acknowledged event at the webhook", Duration.ofSeconds(120),
                    () -> receiver.receivedEventIds().containsAll(all));
        }
    }

    /** The subscription was made on instance 0; waits until an event published on each instance reaches it. */
    private void awaitSubscriptionEverywhere(ServerCluster cluster, WebhookReceiver receiver) {
        for (int instance = 0; instance < cluster.size(); instance++) {
            TestHttp http = cluster.http(instance);
            Set<String> probes = new HashSet<>();
            Await.until("an event published on instance " + instance + " reaches the new subscription",
                    Duration.ofSeconds(30), () -> {
                        Reply reply = http.post("/events/publish", """
                                {"event_type": "scale.probe", "tenant_id": "%s"}""".formatted(tenant));
                        probes.add(reply.json().get("event_id").asText());
                        return receiver.receivedEventIds().stream().anyMatch(probes::contains);
                    });
        }
    }

}
