package com.bizosaas.eventbus.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {"lead.created", "ai.analysis_requested", "tenant.subscription_changed", "a.b",
            "custom.v2.event_created", "agent.task_3"})
    void dottedLowerCaseWordsAreValidTypes(String type) {
        assertThat(EventTypes.isValid(type)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lead", "Lead.created", "lead.Created", "lead..created", ".lead.created",
            "lead.created.", "lead.2created", "lead._created", "lead-created", "lead.created!", "lead. created",
            "lead.créé"})
    void anythingElseIsInvalid(String type) {
        assertThat(EventTypes.isValid(type)).isFalse();
    }

    @Test
    void everyCatalogueTypeIsValid() {
        assertThat(EventTypes.CATALOGUE).allMatch(EventTypes::isValid).hasSize(18);
    }

    @Test
    void typesLongerThan200CharactersAreInvalid() {
        assertThat(EventTypes.isValid("a." + "b".repeat(199))).isFalse();
    }
}
