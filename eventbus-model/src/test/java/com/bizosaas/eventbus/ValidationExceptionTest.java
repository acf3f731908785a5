package com.bizosaas.eventbus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidationExceptionTest {

    @Test
    void aShortValueIsQuotedWhole() {
        assertThat(ValidationException.quote("acme")).isEqualTo("'acme'");
    }

    @Test
    void aLongValueIsCutToItsFirstHundredCharactersWithItsLengthNoted() {
        String quoted = ValidationException.quote("x".repeat(200_000));

        assertThat(quoted).isEqualTo("'" + "x".repeat(100) + "...' (200000 characters)");
    }
}
