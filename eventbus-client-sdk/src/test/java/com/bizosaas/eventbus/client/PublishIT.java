package com.bizosaas.eventbus.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.Priority;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PublishIT {
    @RegisterExtension
    static final InProcessServer SERVER = new InProcessServer();

    private final UUID tenant = UUID.randomUUID();

    @Test
    void aPublishedEventIsStoredAsSentAndTheReceiptNamesIt() {
        EventBusClient crm = SERVER.client("crm-service");

        Receipt receipt = crm.publish(PublishRequest.builder("lead.created", tenant)
                .data(Map.of("email", "john.doe@example.com", "company", "Acme Corp"))
                .priority(Priority.HIGH)
                .subject("lead-1")
                .correlationId("wf-1")
                .metadata(Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .build());

        assertThat(receipt.duplicate()).isFalse();
        assertThat(receipt.position()).isPositive();
        assertThat(receipt.timestamp()).isNotNull();
        Event stored = onlyEvent(crm);
        assertThat(stored.id()).isEqualTo(receipt.eventId());
        assertThat(stored.position()).isEqualTo(receipt.position());
        assertThat(stored.sourceService()).as("the client's service name by default").isEqualTo("crm-service");
        assertThat(stored.priority()).isEqualTo(Priority.HIGH);
        assertThat(stored.subject()).isEqualTo("lead-1");
        assertThat(stored.correlationId()).isEqualTo("wf-1");
        assertThat(stored.metadata()).containsKey("traceparent");
        assertThat(stored.data().get("company").asText()).isEqualTo("Acme Corp");
    }

    @Test
    void publishingTheSameEventIdAgainStoresItOnceAndSaysDuplicate() {
        EventBusClient crm = SERVER.client("crm");
        PublishRequest request = PublishRequest.builder("lead.created", tenant).eventId(UUID.randomUUID()).build();

        Receipt first = crm.publish(request);
        Receipt second = crm.publish(request);

        assertThat(second.duplicate()).isTrue();
        assertThat(second.eventId()).isEqualTo(first.eventId());
        assertThat(second.position()).isEqualTo(first.position());
        assertThat(onlyEvent(crm).id()).isEqualTo(request.eventId());
    }

    @Test
    void anAsyncPublishCompletesWithTheReceipt() {
        EventBusClient crm = SERVER.client("crm");

        Receipt receipt = crm.publishAsync(PublishRequest.builder("lead.converted", tenant).build()).join();

        assertThat(onlyEvent(crm).id()).isEqualTo(receipt.eventId());
    }

    @Test
    void aBatchIsStoredInRequestOrderWithOneReceiptPerEvent() {
        EventBusClient crm = SERVER.client("crm");

        List<Receipt> receipts = crm.publishBatch(List.of(
                PublishRequest.builder("lead.created", tenant).subject("a").build(),
                PublishRequest.builder("lead.qualified", tenant).subject("a").build(),
                PublishRequest.builder("lead.converted", tenant).subject("a").build()));

        assertThat(receipts).hasSize(3).allSatisfy(r -> assertThat(r.duplicate()).isFalse());
        assertThat(receipts).extracting(Receipt::position).isSorted().doesNotHaveDuplicates();
        List<Event> stored = crm.history(HistoryQuery.builder(tenant).order(HistoryQuery.Order.OLDEST).build())
                .events();
        assertThat(stored).extracting(Event::id).containsExactlyElementsOf(
                receipts.stream().map(Receipt::eventId).toList());
        assertThat(stored).extracting(Event::eventType)
                .containsExactly("lead.created", "lead.qualified", "lead.converted");
    }

    @Test
    void aPublishWhoseAnswerWasLostIsRetriedAndStoredOnce() throws Exception {
        try (DroppingProxy proxy = new DroppingProxy(URI.create(SERVER.url()).getPort(), 1)) {
            EventBusClient crm = SERVER.client(InProcessServer.configFor(proxy.url(), "crm"));

            Receipt receipt = crm.publish(PublishRequest.builder("lead.created", tenant).build());

            assertThat(proxy.droppedAnswers()).as("the first answer was lost on the way back").isEqualTo(1);
            assertThat(receipt.duplicate()).as("the retry found the event stored by the first try").isTrue();
            assertThat(onlyEvent(SERVER.client("auditor")).id()).isEqualTo(receipt.eventId());
        }
    }

    private Event onlyEvent(EventBusClient client) {
        List<Event> events = client.history(HistoryQuery.builder(tenant).build()).events();
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
