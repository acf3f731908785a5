package com.bizosaas.eventbus.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.ValidationException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The NUL character is refused in every string of an event, whichever store would keep it. */
class EventNulCharacterTest {
    private static final String NUL = "a\u0000b";

    static Stream<Arguments> placesOfANul() {
        return Stream.of(
                place("source_service", b -> b.source(NUL)),
                place("subject", b -> b.subject(NUL)),
                place("correlation_id", b -> b.correlationId(NUL)),
                place("causation_id", b -> b.causationId(NUL)),
                place("idempotency_key", b -> b.idempotencyKey(NUL)),
                place("target_services[1]", b -> b.targetServices(List.of("crm", NUL))),
                place("metadata.trace", b -> b.metadata(Map.of("trace", NUL))),
                place("metadata", b -> b.metadata(Map.of(NUL, "x"))),
                place("data.lead.name", b -> b.data(data().set("lead", data().put("name", NUL)))),
                place("data.tags[0]", b -> b.data(data().set("tags", JsonNodeFactory.instance.arrayNode().add(NUL)))),
                place("data", b -> b.data(data().put(NUL, 1))));
    }

    private static Arguments place(String field, UnaryOperator<Event.Builder> withNul) {
        return Arguments.of(field, withNul);
    }

    @ParameterizedTest(name = "in {0}")
    @MethodSource("placesOfANul")
    void aNulCharacterIsRefusedNamingTheField(String field, UnaryOperator<Event.Builder> withNul) {
        assertThatThrownBy(() -> withNul.apply(valid()).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_character");
                    assertThat(e.field()).isEqualTo(field);
                });
    }

    @Test
    void otherControlCharactersAndUnicodeAreKept() {
        Event event = valid().subject("tab\there, é, \u2028").data(data().put("text", "line\nbreak")).build();

        assertThat(event.subject()).isEqualTo("tab\there, é, \u2028");
    }

    private static Event.Builder valid() {
        return Event.builder().type("lead.created").tenant(UUID.randomUUID());
    }

    private static ObjectNode data() {
        return JsonNodeFactory.instance.objectNode();
    }
}
