package com.bizosaas.eventbus.filtering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.contract.TestEvents;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.Priority;
import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    private static EventFilter filter(String json) {
        try {
            return EventFilter.of(WireJson.reader().readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Event event(String data) {
        try {
            return TestEvents.event(TestEvents.newTenant())
                    .source("crm-service")
                    .subject("lead-7")
                    .priority(Priority.HIGH)
                    .targetServices(List.of("billing", "crm"))
                    .metadata(Map.of("region", "eu-west"))
                    .data((ObjectNode) WireJson.reader().readTree(data))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final Event LEAD = event("""
            {"score": 72, "stage": "qualified", "email": "ann@example.com", "tags": ["vip", "eu"],
             "owner": {"team": "sales-north", "level": 2}, "note": null}""");

    @Test
    void exactValuesMatchAnyOfTheList() {
        assertThat(filter("{\"source_service\": [\"crm-service\", \"billing\"]}").matches(LEAD)).isTrue();
        assertThat(filter("{\"source_service\": [\"billing\"]}").matches(LEAD)).isFalse();
        assertThat(filter("{\"data\": {\"stage\": [\"qualified\"]}}").matches(LEAD)).isTrue();
    }

    @Test
    void numbersCompareByValueAndNeverEqualStrings() {
        assertThat(filter("{\"data\": {\"score\": [72.0]}}").matches(LEAD)).isTrue();
        assertThat(filter("{\"data\": {\"score\": [\"72\"]}}").matches(LEAD)).isFalse();
    }

    @Test
    void prefixAndSuffixMatchOnlyStrings() {
        assertThat(filter("{\"data\": {\"stage\": [{\"prefix\": \"qual\"}]}}").matches(LEAD)).isTrue();
        assertThat(filter("{\"data\": {\"stage\": [{\"prefix\": \"lost\"}]}}").matches(LEAD)).isFalse();
        assertThat(filter("{\"data\": {\"email\": [{\"suffix\": \"@example.com\"}]}}").matches(LEAD)).isTrue();
        assertThat(filter("{\"data\": {\"email\": [{\"suffix\": \"@other.com\"}]}}").matches(LEAD)).isFalse();
        assertThat(filter("{\"data\": {\"score\": [{\"prefix\": \"7\"}]}}").matches(LEAD)).isFalse();
    }

    @Test
    void numericTakesOneOrTwoComparisons() {
        assertThat(filter("{\"data\": {\"score\": [{\"numeric\": [\">=\", 70]}]}}").matches(LEAD)).isTrue();
        assertThat(filter("{\"data\": {\"score\": [{\"numeric\": [\">\", 72]}]}}").matches(LEAD)).isFalse();
        assertThat(filter("{\"data\": {\"score\": [{\"numeric\": [\">\", 70, \"<=\", 72]}]}}").matches(LEAD))
                .isTrue();
        assertThat(filter("{\"data\": {\"score\": [{\"numeric\": [\">\", 0, \"<\", 72]}]}}").matches(LEAD))
                .isFalse();
        assertThat(filter("{\"data\": {\"score\": [{\"numeric\": [\"=\", 72]}]}}").matches(LEAD)).isTrue();
        assertThat(filter("{\"data\": {\"stage\": [{\"numeric\": [\">\", 0]}]}}").matches(LEAD)).isFalse();
    }

    @Test
    void existsTellsPresentFromMissingAndCountsNullAsPresent() {
        assertThat(filter("{\"data\": {\"email\": [{\"exists\": true}]}}").matches(LEAD)).isTrue();
        assertThat(filter("{\"data\": {\"phone\": [{\"exists\": true}]}}").matches(LEAD)).isFalse();
        assertThat(filter("{\"data\": {\"phone\": [{\"exists\": false}]}}").matches(LEAD)).isTrue();
        assertThat(filter("{\"data\": {\"email\": [{\"exists\": false}]}}").matches(LEAD)).isFalse();
        assertThat(filter("{\"data\": {\"note\": [{\"exists\": true}]}}").matches(LEAD)).isTrue();
        assertThat(filter("{\"correlation_id\": [{\"exists\": false}]}").matches(LEAD)).isTrue();
        assertThat(filter("{\"data\": {\"missing\": {\"deeper\": [{\"exists\": false}]}}}").matches(LEAD)).isTrue();
    }

    @Test
    void anythingButTakesAValueAListOrAPrefixAndNeedsTheField() {
        assertThat(filter("{\"data\": {\"stage\": [{\"anything-but\": \"lost\"}]}}").matches(LEAD)).isTrue();
        assertThat(filter("{\"data\": {\"stage\": [{\"anything-but\": [\"lost\", \"qualified\"]}]}}")
                .matches(LEAD)).isFalse();
        assertThat(filter("{\"data\": {\"score\": [{\"anything-but\": [72]}]}}").matches(LEAD)).isFalse();
        assertThat(filter("{\"data\": {\"stage\": [{\"anything-but\": {\"prefix\": \"qual\"}}]}}").matches(LEAD))
                .isFalse();
        assertThat(filter("{\"data\": {\"stage\": [{\"anything-but\": {\"prefix\": \"new\"}}]}}").matches(LEAD))
                .isTrue();
        assertThat(filter("{\"data\": {\"phone\": [{\"anything-but\": \"x\"}]}}").matches(LEAD)).isFalse();
    }

    @Test
    void nestedPathsDescendIntoData() {
        assertThat(filter("{\"data\": {\"owner\": {\"team\": [{\"prefix\": \"sales-\"}], \"level\": [2]}}}")
                .matches(LEAD)).isTrue();
        assertThat(filter("{\"data\": {\"owner\": {\"level\": [3]}}}").matches(LEAD)).isFalse();
        assertThat(filter("{\"data\": {\"stage\": {\"deeper\": [\"x\"]}}}").matches(LEAD)).isFalse();
    }

    @Test
    void allKeysMustMatchAndOrNeedsOneAlternative() {
        assertThat(filter("{\"source_service\": [\"crm-service\"], \"data\": {\"score\": [1]}}").matches(LEAD))
                .isFalse();
        assertThat(filter("{\"$or\": [{\"source_service\": [\"billing\"]}, {\"data\": {\"score\": [72]}}]}")
                .matches(LEAD)).isTrue();
        assertThat(filter("{\"$or\": [{\"source_service\": [\"billing\"]}, {\"data\": {\"score\": [1]}}]}")
                .matches(LEAD)).isFalse();
        assertThat(filter("{\"data\": {\"$or\": [{\"stage\": [\"lost\"]}, {\"owner\": {\"level\": [2]}}]}}")
                .matches(LEAD)).isTrue();
    }

    @Test
    void arraysMatchWhenAnyElementDoes() {
        assertThat(filter("{\"data\": {\"tags\": [\"eu\"]}}").matches(LEAD)).isTrue();
        assertThat(filter("{\"target_services\": [\"crm\"]}").matches(LEAD)).isTrue();
        assertThat(filter("{\"data\": {\"tags\": [\"us\"]}}").matches(LEAD)).isFalse();
    }

    @Test
    void eventFieldsAreMatchedAsTheyAreSpelledInJson() {
        assertThat(filter("{\"priority\": [\"high\"], \"subject\": [{\"prefix\": \"lead-\"}]}").matches(LEAD))
                .isTrue();
        assertThat(filter("{\"metadata\": {\"region\": [{\"prefix\": \"eu-\"}]}}").matches(LEAD)).isTrue();
        assertThat(filter("{\"event_type\": [\"" + TestEvents.TYPE + "\"], \"version\": [1]}").matches(LEAD))
                .isTrue();
        assertThat(filter("{\"tenant_id\": [\"" + LEAD.tenantId() + "\"]}").matches(LEAD)).isTrue();
    }

    @Test
    void thePatternIsKeptAsGiven() {
        String json = "{\"data\":{\"score\":[{\"numeric\":[\">=\",70]}]}}";
        assertThat(filter(json).pattern().toString()).isEqualTo(json);
        assertThat(filter(json)).isEqualTo(filter(json));
    }

    @Test
    void invalidFiltersAreRefusedNamingTheirPath() {
        assertInvalid("[]", "filter must be a JSON object");
        assertInvalid("{}", "filter must name at least one field");
        assertInvalid("{\"colour\": [\"red\"]}", "filter.colour is not an event field");
        assertInvalid("{\"data\": {\"score\": 70}}", "filter.data.score must be a non-empty list");
        assertInvalid("{\"data\": {\"score\": []}}", "filter.data.score must be a non-empty list");
        assertInvalid("{\"data\": {}}", "filter.data must name at least one field");
        assertInvalid("{\"data\": {\"score\": [{\"between\": [1, 2]}]}}",
                "filter.data.score[0] uses unknown condition 'between'");
        assertInvalid("{\"data\": {\"score\": [{\"prefix\": \"a\", \"suffix\": \"b\"}]}}",
                "filter.data.score[0] must be a value or an object with one of");
        assertInvalid("{\"data\": {\"s\": [{\"prefix\": 7}]}}", "filter.data.s[0].prefix must be a string");
        assertInvalid("{\"data\": {\"s\": [{\"suffix\": null}]}}", "filter.data.s[0].suffix must be a string");
        assertInvalid("{\"data\": {\"s\": [{\"numeric\": [\">=\"]}]}}", "filter.data.s[0].numeric must be [op, number]");
        assertInvalid("{\"data\": {\"s\": [\"x\", {\"numeric\": [\"~\", 1]}]}}",
                "filter.data.s[1].numeric[0] must be [op, number]");
        assertInvalid("{\"data\": {\"s\": [{\"numeric\": [\">\", \"1\"]}]}}",
                "filter.data.s[0].numeric[1] must be a number");
        assertInvalid("{\"data\": {\"s\": [{\"exists\": \"yes\"}]}}", "filter.data.s[0].exists must be true or false");
        assertInvalid("{\"data\": {\"s\": [{\"anything-but\": []}]}}", "filter.data.s[0].anything-but must be a value");
        assertInvalid("{\"data\": {\"s\": [{\"anything-but\": [{\"a\": 1}]}]}}",
                "filter.data.s[0].anything-but[0] must be a value");
        assertInvalid("{\"data\": {\"s\": [{\"anything-but\": {\"suffix\": \"x\"}}]}}",
                "filter.data.s[0].anything-but must be a value, a non-empty list of values or {\"prefix\"");
        assertInvalid("{\"$or\": [{\"subject\": [\"a\"]}]}", "filter.$or must be a list of at least two patterns");
        assertInvalid("{\"$or\": [{\"subject\": [\"a\"]}, 3]}", "filter.$or[1] must be a pattern object");
        assertInvalid("{\"data\": {\"$or\": [{\"a\": [1]}, {\"b\": 2}]}}", "filter.data.$or.b must be a non-empty list");
    }

    private static void assertInvalid(String json, String message) {
        assertThatThrownBy(() -> filter(json))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining(message)
                .satisfies(e -> {
                    assertThat(((ValidationException) e).field()).isEqualTo("filter");
                    assertThat(((ValidationException) e).code()).isEqualTo("invalid_filter");
                });
    }
}
