package com.bizosaas.eventbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scheduled publish through the SDK and the real server: delay, deliver_at in a batch, cancel. */
class ScheduledPublishIT {
    @RegisterExtension
    static final InProcessServer SERVER = new InProcessServer();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final UUID tenant = UUID.randomUUID();

    @Test
    void delayedAndScheduledEventsArriveWhenDueAndACancelledOneNever() {
        EventBusClient crm = SERVER.client("crm");
        Map<UUID, Instant> arrivals = new ConcurrentHashMap<>();
        Subscription subscription = SERVER.client("ai").subscribe("lead.*",
                SubscribeOptions.builder().tenantId(tenant).build(), r -> arrivals.put(r.event().id(), Instant.now()));

        Instant published = Instant.now();
        Receipt delayed = crm.publish(PublishRequest.builder("lead.created", tenant)
                .delay(Duration.ofMillis(1200)).build());
        Instant due = Instant.now().plusMillis(1500).truncatedTo(ChronoUnit.MILLIS);
        List<Receipt> batch = crm.publishBatch(List.of(
                PublishRequest.builder("lead.qualified", tenant).deliverAt(due).build(),
                PublishRequest.builder("lead.lost", tenant).deliverAt(due).build()));
        crm.cancelScheduled(tenant, batch.get(1).eventId());

        Event stored = crm.history(HistoryQuery.builder(tenant).build()).events().stream()
                .filter(e -> e.id().equals(batch.get(0).eventId())).findFirst().orElseThrow();
        assertThat(stored.deliverAt()).as("the history shows the due time").isEqualTo(due);
        assertThatThrownBy(() -> crm.cancelScheduled(tenant, batch.get(1).eventId())).as("cancelled before")
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> crm.cancelScheduled(tenant, UUID.randomUUID()))
                .isInstanceOf(NotFoundException.class);

        Await.until(WAIT, () -> arrivals.size() >= 2, "the two scheduled events arrived");
        subscription.close();
        assertThat(arrivals).containsOnlyKeys(delayed.eventId(), batch.get(0).eventId());
        assertThat(arrivals.get(delayed.eventId())).isAfterOrEqualTo(published.plusMillis(1200));
        assertThat(arrivals.get(batch.get(0).eventId())).isAfterOrEqualTo(due);
        assertThatThrownBy(() -> crm.cancelScheduled(tenant, delayed.eventId())).as("already dispatched")
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aDelayAndADeliverAtTogetherAreRefusedBeforeSending() {
        assertThatThrownBy(() -> new PublishRequest(null, "lead.created", tenant, null, null, null, null, null, null,
                null, null, null, null, Instant.now(), 100L)).isInstanceOf(IllegalArgumentException.class);
    }
}
