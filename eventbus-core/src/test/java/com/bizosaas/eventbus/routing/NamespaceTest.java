package com.bizosaas.eventbus.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.config.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceTest {

    @Test
    void theDefaultNamesWhatTheBusUsedBeforeNamespaces() {
        Namespace namespace = Namespace.fromEnv(Map.of());

        assertThat(namespace).isEqualTo(Namespace.DEFAULT);
        assertThat(namespace.topic()).isEqualTo("eventbus.events");
        assertThat(namespace.dispatchGroup()).isEqualTo("eventbus-dispatch");
        assertThat(Namespace.fromEnv(Map.of("EVENTBUS_NAMESPACE", "  "))).isEqualTo(Namespace.DEFAULT);
    }

    @Test
    void aNamespaceNamesTheTopicAndTheDispatchGroup() {
        Namespace namespace = Namespace.fromEnv(Map.of("EVENTBUS_NAMESPACE", "shop-eu"));

        assertThat(namespace.topic()).isEqualTo("shop-eu.events");
        assertThat(namespace.dispatchGroup()).isEqualTo("shop-eu-dispatch");
        assertThat(EventRouter.of(namespace).dispatchGroup()).isEqualTo("shop-eu-dispatch");
    }

    @Test
    void aNameThatIsNotValidOnEveryBrokerIsRefusedNamingTheVariable() {
        for (String bad : new String[] {"Shop", "shop eu", "shop.eu", "-shop", "shop:eu", "a".repeat(49)}) {
            assertThatThrownBy(() -> Namespace.fromEnv(Map.of("EVENTBUS_NAMESPACE", bad)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("EVENTBUS_NAMESPACE must be")
                    .hasMessageContaining("got '" + bad + "'");
        }
    }
}
