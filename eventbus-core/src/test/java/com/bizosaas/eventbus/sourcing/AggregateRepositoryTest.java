package com.bizosaas.eventbus.sourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.WrongExpectedVersionException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.schema.Compatibility;
import com.bizosaas.eventbus.sourcing.AggregateRepository.Loaded;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AggregateRepositoryTest {
    record Account(long balance, int changes) {
        static Account empty() {
            return new Account(0, 0);
        }

        Account apply(Event event) {
            long amount = event.data().path("amount").asLong();
            return switch (event.eventType()) {
                case "account.credited" -> new Account(balance + amount, changes + 1);
                case "account.debited" -> new Account(balance - amount, changes + 1);
                default -> this;
            };
        }
    }

    private final EventBus bus = EventBus.builder().build().start();
    private final UUID tenant = UUID.randomUUID();
    private final AggregateRepository<Account> accounts = AggregateRepository.of(bus, Account.class, Account::empty,
            Account::apply, 3);

    @AfterEach
    void close() {
        bus.close();
    }

    private Event change(String type, long amount) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("amount", amount);
        return Event.builder().type(type).tenant(tenant).data(data).build();
    }

    @Test
    void savedEventsAreAppliedAndASnapshotIsTakenWhenAMultipleOfNIsCrossed() {
        Loaded<Account> fresh = accounts.load(tenant, "acc-1");
        assertThat(fresh).isEqualTo(new Loaded<>(Account.empty(), 0));

        Loaded<Account> two = accounts.save(tenant, "acc-1", fresh,
                List.of(change("account.credited", 100), change("account.debited", 30)));
        assertThat(two).isEqualTo(new Loaded<>(new Account(70, 2), 2));
        assertThat(bus.snapshots().latest(tenant, "acc-1")).isEmpty();

        Loaded<Account> four = accounts.save(tenant, "acc-1", two,
                List.of(change("account.credited", 5), change("account.credited", 5)));
        Snapshot snapshot = bus.snapshots().latest(tenant, "acc-1").orElseThrow();
        assertThat(snapshot.version()).isEqualTo(4);
        assertThat(snapshot.state()).isEqualTo(WireJson.toTree(new Account(80, 4)));
        assertThat(accounts.load(tenant, "acc-1")).isEqualTo(four);
    }

    @Test
    void loadingStartsFromTheSnapshotAndAppliesOnlyTheLaterEvents() {
        Loaded<Account> three = accounts.save(tenant, "acc-2", accounts.load(tenant, "acc-2"),
                List.of(change("account.credited", 1), change("account.credited", 1), change("account.credited", 1)));
        accounts.save(tenant, "acc-2", three, List.of(change("account.credited", 10)));
        // A snapshot whose state no replay of the events gives: only a load that starts from it sees 1000.
        bus.snapshots().save(new Snapshot(tenant, "acc-2", 3, WireJson.toTree(new Account(1000, 3)),
                Instant.now()));

        assertThat(accounts.load(tenant, "acc-2")).isEqualTo(new Loaded<>(new Account(1010, 4), 4));
    }

    @Test
    void aSaveAfterAnotherWritersSaveFailsWithTheCurrentVersion() {
        Loaded<Account> mine = accounts.load(tenant, "acc-3");
        Loaded<Account> theirs = accounts.load(tenant, "acc-3");
        accounts.save(tenant, "acc-3", theirs, List.of(change("account.credited", 1)));

        assertThatThrownBy(() -> accounts.save(tenant, "acc-3", mine, List.of(change("account.credited", 2))))
                .isInstanceOfSatisfying(WrongExpectedVersionException.class,
                        e -> assertThat(e.currentVersion()).isEqualTo(1));
        assertThat(accounts.load(tenant, "acc-3").state().balance()).isEqualTo(1);
    }

    @Test
    void oldEventsAreUpcastToTheLatestSchemaBeforeTheyAreApplied() {
        Loaded<Account> one = accounts.save(tenant, "acc-4", accounts.load(tenant, "acc-4"),
                List.of(Event.builder().type("account.credited").tenant(tenant)
                        .data(JsonNodeFactory.instance.objectNode().put("value", 40)).build()));
        assertThat(one.state().balance()).isZero();

        ObjectNode anyObject = JsonNodeFactory.instance.objectNode().put("type", "object");
        bus.schemas().setCompatibility(tenant, "account.credited", Compatibility.NONE);
        bus.schemas().register(tenant, "account.credited", anyObject, null);
        ArrayNode rename = JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.objectNode()
                .put("op", "rename").put("from", "value").put("to", "amount"));
        bus.schemas().register(tenant, "account.credited", anyObject, rename);

        assertThat(accounts.load(tenant, "acc-4").state().balance()).isEqualTo(40);
        assertThat(bus.readStream(tenant, "acc-4", 1).get(0).data().has("value")).isTrue();
    }
}
