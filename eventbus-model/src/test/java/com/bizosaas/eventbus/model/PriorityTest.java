package com.bizosaas.eventbus.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.routing.EventCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One Priority for server and SDK: the seed's lower-case names only, anything else a validation error. */
class PriorityTest {

    @Test
    void readsAndWritesTheLowerCaseNames() {
        for (Priority p : Priority.values()) {
            assertThat(Priority.fromWire(p.wireName())).isSameAs(p);
        }
        assertThat(Priority.HIGH.wireName()).isEqualTo("high");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"HIGH", "High", "urgent", ""})
    void refusesAnythingElseNamingTheField(String value) {
        assertThatThrownBy(() -> Priority.fromWire(value))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_priority");
                    assertThat(e.field()).isEqualTo("priority");
                });
    }

    @Test
    void anEventWithoutAPriorityReadsAsNormal() {
        Event event = EventCodec.decode(("{\"id\":\"0190f1e2-0000-7000-8000-000000000001\",\"event_type\":\"lead.created\","
                + "\"version\":1,\"tenant_id\":\"550e8400-e29b-41d4-a716-446655440000\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(event.priority()).isEqualTo(Priority.NORMAL);
    }
}
