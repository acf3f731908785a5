package com.bizosaas.eventbus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one reader of EVENTBUS_* settings: blank is unset, and every complaint names variable, rule and value. */
class EnvReaderTest {
    private enum Mode { FAST, SAFE }

    private final EnvReader env = EnvReader.of(Map.of("EVENTBUS_A", " 42 ", "EVENTBUS_BLANK", "  ",
            "EVENTBUS_FLAG", "TRUE", "EVENTBUS_MODE", "safe", "EVENTBUS_BAD", "ten"));

    @Test
    void readsTrimmedValuesAndTreatsBlankAsUnset() {
        assertThat(env.integer("EVENTBUS_A", 1, 0, 100)).isEqualTo(42);
        assertThat(env.has("EVENTBUS_BLANK")).isFalse();
        assertThat(env.text("EVENTBUS_BLANK", "fallback")).isEqualTo("fallback");
        assertThat(env.integer("EVENTBUS_UNSET")).isNull();
        assertThat(env.bool("EVENTBUS_FLAG", false)).isTrue();
        assertThat(env.choice("EVENTBUS_MODE", Mode.class, Mode.FAST)).isEqualTo(Mode.SAFE);
    }

    @Test
    void complainsNamingTheVariableTheRuleAndTheValue() {
        assertThatThrownBy(() -> env.integer("EVENTBUS_BAD", 1))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.variable()).isEqualTo("EVENTBUS_BAD");
                    assertThat(e.code()).isEqualTo("invalid_configuration");
                })
                .hasMessage("EVENTBUS_BAD must be a whole number; got 'ten'");
        assertThatThrownBy(() -> env.integer("EVENTBUS_A", 1, 0, 10))
                .hasMessage("EVENTBUS_A must be an integer between 0 and 10; got '42'");
        assertThatThrownBy(() -> env.bool("EVENTBUS_BAD", false))
                .hasMessage("EVENTBUS_BAD must be true or false; got 'ten'");
        assertThatThrownBy(() -> env.choice("EVENTBUS_BAD", Mode.class, Mode.FAST))
                .hasMessage("EVENTBUS_BAD must be one of fast, safe; got 'ten'");
    }
}
