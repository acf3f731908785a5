package com.bizosaas.eventbus.filtering;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.TestEvents;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The index must find exactly what evaluating every filter finds, for every operator and value shape. */
class FilterSetTest {
    private static final List<String> FILTERS = List.of(
            "{\"source_service\": [\"crm-service\", \"billing\"]}",
            "{\"source_service\": [\"billing\"]}",
            "{\"data\": {\"stage\": [\"qualified\", \"won\"]}, \"subject\": [{\"prefix\": \"lead-\"}]}",
            "{\"data\": {\"score\": [72.0]}}",
            "{\"data\": {\"score\": [-0.0]}}",
            "{\"data\": {\"score\": [\"72\"]}}",
            "{\"data\": {\"tags\": [\"eu\", \"vip\"]}}",
            "{\"data\": {\"note\": [null]}}",
            "{\"data\": {\"flag\": [true]}}",
            "{\"data\": {\"owner\": {\"level\": [2], \"team\": [{\"prefix\": \"sales\"}]}}}",
            "{\"data\": {\"owner\": {\"level\": [3]}}}",
            "{\"data\": {\"score\": [{\"numeric\": [\">=\", 70]}]}}",
            "{\"data\": {\"stage\": [{\"anything-but\": \"lost\"}]}}",
            "{\"data\": {\"phone\": [{\"exists\": false}]}}",
            "{\"data\": {\"stage\": [\"qualified\", {\"prefix\": \"w\"}]}}",
            "{\"$or\": [{\"source_service\": [\"billing\"]}, {\"data\": {\"score\": [72]}}]}",
            "{\"target_services\": [\"crm\"]}",
            "{\"metadata\": {\"region\": [\"eu-west\"]}}",
            "{\"data\": {\"stage\": {\"deeper\": [\"x\"]}}}");

    private static final List<String> DATA = List.of(
            "{\"score\": 72, \"stage\": \"qualified\", \"tags\": [\"vip\", \"eu\"], \"note\": null, "
                    + "\"owner\": {\"team\": \"sales-north\", \"level\": 2}, \"flag\": true}",
            "{\"score\": 0, \"stage\": \"won\", \"tags\": [\"eu\", \"eu\"], \"owner\": {\"level\": 3}}",
            "{\"score\": \"72\", \"stage\": \"lost\", \"tags\": \"eu\", \"owner\": \"none\", \"flag\": \"true\"}",
            "{\"score\": 71.5, \"stage\": [\"new\", \"won\"], \"phone\": \"1\", \"tags\": [[\"eu\"]]}",
            "{}");

    @Test
    void findsExactlyTheItemsWhoseFilterMatches() throws JsonProcessingException {
        FilterSet.Builder<String> builder = FilterSet.builder();
        List<String> names = new ArrayList<>();
        List<EventFilter> filters = new ArrayList<>();
        for (int copy = 0; copy < 2; copy++) { // equal filters share a group
            for (int i = 0; i < FILTERS.size(); i++) {
                EventFilter filter = EventFilter.of(WireJson.reader().readTree(FILTERS.get(i)));
                String name = "f" + i + "/" + copy;
                builder.add(name, filter);
                names.add(name);
                filters.add(filter);
            }
        }
        builder.add("unfiltered", null);
        FilterSet<String> set = builder.build();

        int matchedSomewhere = 0;
        for (String source : List.of("crm-service", "billing")) {
            for (String data : DATA) {
                Event event = event(source, data);
                List<String> expected = new ArrayList<>(List.of("unfiltered"));
                for (int i = 0; i < names.size(); i++) {
                    if (filters.get(i).matches(event)) {
                        expected.add(names.get(i));
                    }
                }
                List<String> found = new ArrayList<>();
                set.forEachMatch(event, name -> true, found::add);
                assertThat(found).as("%s from %s", data, source).containsExactlyInAnyOrderElementsOf(expected);
                matchedSomewhere += expected.size() - 1;
            }
        }
        assertThat(matchedSomewhere).as("the events exercise matching filters").isGreaterThan(20);
    }

    @Test
    void admitsRunsBeforeTheFilterAndRejectsItems() throws JsonProcessingException {
        EventFilter filter = EventFilter.of(WireJson.reader().readTree(FILTERS.get(0)));
        FilterSet<String> set = FilterSet.<String>builder().add("a", filter).add("b", filter).build();
        List<String> found = new ArrayList<>();
        set.forEachMatch(event("crm-service", "{}"), "b"::equals, found::add);
        assertThat(found).containsExactly("b");
    }

    private static Event event(String source, String data) throws JsonProcessingException {
        return TestEvents.event(UUID.randomUUID())
                .source(source)
                .subject("lead-7")
                .targetServices(List.of("billing", "crm"))
                .metadata(Map.of("region", "eu-west"))
                .data((ObjectNode) WireJson.reader().readTree(data))
                .build();
    }
}
