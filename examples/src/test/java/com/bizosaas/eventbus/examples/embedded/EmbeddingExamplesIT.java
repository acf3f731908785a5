package com.bizosaas.eventbus.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** README's two embedding snippets live in these examples; both must run and deliver the typed lead. */
class EmbeddingExamplesIT {

    @Test
    void thePlainJavaEmbeddingDeliversTheTypedLead() throws Exception {
        assertThat(EmbeddedBusExample.run()).isTrue();
    }

    @Test
    void theSpringBootServiceDeliversTheTypedLeadToItsListener() throws Exception {
        assertThat(CrmSpringApplication.run("--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off")).isTrue();
    }
}
