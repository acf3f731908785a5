package com.bizosaas.eventbus.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.schema.Compatibility;
import com.bizosaas.eventbus.schema.IncompatibleSchemaException;
import com.bizosaas.eventbus.schema.RegisteredSchema;
import com.bizosaas.eventbus.schema.SchemaRegistry;
import com.bizosaas.eventbus.schema.SchemaValidationException;
import com.bizosaas.eventbus.spi.SchemaStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SchemaStore} must show, seen through the {@link SchemaRegistry} that
 * numbers, checks and caches on top of it. Extend it once per implementation; tests use fresh
 * tenants and event types, so a shared database is fine.
 */
public abstract class SchemaRegistryContract {
    protected SchemaStore store;
    protected SchemaRegistry registry;
    private String type;

    /** A working store; the suite closes it after each test. */
    protected abstract SchemaStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
        registry = SchemaRegistry.of(store, Clock.systemUTC());
        type = "contract.schema_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) WireJson.reader().readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static ArrayNode steps(String text) {
        try {
            return (ArrayNode) WireJson.reader().readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static final ObjectNode V1 = json("{'type':'object','required':['amount'],"
            + "'properties':{'amount':{'type':'number'},'note':{'type':'string'}}}");

    private Event event(UUID tenant, int version, String data) {
        return TestEvents.event(tenant, type, TestEvents.now()).version(version).data(json(data)).build();
    }

    @Test
    void versionsAreNumberedFromOneAndReadBackWithEveryField() {
        UUID tenant = TestEvents.newTenant();
        RegisteredSchema first = registry.register(tenant, type, V1, null);
        ObjectNode v2 = V1.deepCopy();
        ((ObjectNode) v2.get("properties")).putObject("currency").put("type", "string");
        RegisteredSchema second = registry.register(tenant, type, v2,
                steps("[{'op':'add','field':'currency','default':'EUR'}]"));

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        List<RegisteredSchema> stored = store.versions(tenant, type);
        assertThat(stored).extracting(RegisteredSchema::version).containsExactly(1, 2);
        assertThat(stored.get(1).schema()).isEqualTo(v2);
        assertThat(stored.get(1).upcast()).isEqualTo(steps("[{'op':'add','field':'currency','default':'EUR'}]"));
        assertThat(stored.get(1).tenantId()).isEqualTo(tenant);
        assertThat(stored.get(1).createdAt()).isNotNull();
        assertThat(registry.find(tenant, type, 2)).contains(stored.get(1));
        assertThat(registry.find(tenant, type, 3)).isEmpty();
    }

    @Test
    void aVersionTakenByAnotherRegistrationIsNotStoredTwice() {
        UUID tenant = TestEvents.newTenant();
        RegisteredSchema one = new RegisteredSchema(tenant, type, 1, V1, null, TestEvents.now());
        assertThat(store.insert(one)).isTrue();
        assertThat(store.insert(new RegisteredSchema(tenant, type, 1, json("{}"), null, TestEvents.now()))).isFalse();
        assertThat(store.versions(tenant, type)).containsExactly(one);
    }

    @Test
    void scopesAreSeparateAndATenantSeesItsOwnAndTheGlobalSchemas() {
        UUID tenant = TestEvents.newTenant();
        UUID other = TestEvents.newTenant();
        registry.register(null, type, V1, null);
        registry.register(tenant, type, V1, null);
        registry.register(other, type, V1, null);
        registry.register(other, type, V1, null);

        assertThat(store.versions(null, type)).hasSize(1);
        assertThat(store.versions(other, type)).hasSize(2);
        assertThat(registry.list(tenant)).filteredOn(s -> s.eventType().equals(type))
                .extracting(RegisteredSchema::tenantId).containsExactly(null, tenant);
        assertThat(store.list(other)).filteredOn(s -> s.eventType().equals(type)).hasSize(2)
                .allMatch(s -> other.equals(s.tenantId()));
    }

    @Test
    void compatibilityIsBackwardUntilSetAndIsKeptPerScopeAndType() {
        UUID tenant = TestEvents.newTenant();
        assertThat(registry.compatibility(tenant, type)).isEqualTo(Compatibility.BACKWARD);
        registry.setCompatibility(tenant, type, Compatibility.FULL);
        registry.setCompatibility(tenant, type, Compatibility.NONE);
        assertThat(store.compatibility(tenant, type)).contains(Compatibility.NONE);
        assertThat(store.compatibility(null, type)).isEmpty();
    }

    @Test
    void backwardRefusesARemovedRetypedOrNewlyRequiredFieldAndListsEachChange() {
        UUID tenant = TestEvents.newTenant();
        registry.register(tenant, type, V1, null);
        ObjectNode breaking = json("{'type':'object','required':['customer'],"
                + "'properties':{'note':{'type':'integer'},'customer':{'type':'string'}}}");

        assertThatThrownBy(() -> registry.register(tenant, type, breaking, null))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> assertThat(e.breakingChanges())
                        .anyMatch(c -> c.startsWith("data.amount: required field removed"))
                        .anyMatch(c -> c.startsWith("data.note: type changed from string"))
                        .anyMatch(c -> c.startsWith("data.customer: required by the new version")));
        assertThat(store.versions(tenant, type)).hasSize(1);
    }

    @Test
    void backwardAcceptsANewOptionalFieldAndAWiderType() {
        UUID tenant = TestEvents.newTenant();
        registry.register(tenant, type, json("{'type':'object','properties':{'n':{'type':'integer'}}}"), null);
        RegisteredSchema v2 = registry.register(tenant, type,
                json("{'type':'object','properties':{'n':{'type':'number'},'extra':{'type':'string'}}}"), null);
        assertThat(v2.version()).isEqualTo(2);
    }

    @Test
    void forwardRefusesDroppingARequiredFieldThatBackwardAllowsToBecomeOptional() {
        UUID tenant = TestEvents.newTenant();
        registry.setCompatibility(tenant, type, Compatibility.FORWARD);
        registry.register(tenant, type, V1, null);
        ObjectNode optionalAmount = json("{'type':'object','properties':{'amount':{'type':'number'}}}");
        assertThatThrownBy(() -> registry.register(tenant, type, optionalAmount, null))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> assertThat(e.breakingChanges())
                        .containsExactly("data.amount: required by the previous version but optional in the new version"));

        registry.setCompatibility(tenant, type, Compatibility.BACKWARD);
        assertThat(registry.register(tenant, type, optionalAmount, null).version()).isEqualTo(2);
    }

    @Test
    void noneAcceptsAnything() {
        UUID tenant = TestEvents.newTenant();
        registry.setCompatibility(tenant, type, Compatibility.NONE);
        registry.register(tenant, type, V1, null);
        assertThat(registry.register(tenant, type, json("{'type':'object','required':['other']}"), null).version())
                .isEqualTo(2);
    }

    @Test
    void anInvalidSchemaOrUpcastStepIsRefusedAndNothingStored() {
        UUID tenant = TestEvents.newTenant();
        assertThatThrownBy(() -> registry.register(tenant, type, json("{'type':'no-such-type'}"), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("schema"));
        assertThatThrownBy(() -> registry.register(tenant, type, V1, steps("[{'op':'explode'}]")))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("upcast[0].op"));
        assertThat(store.versions(tenant, type)).isEmpty();
    }

    @Test
    void publishedDataIsValidatedAgainstItsDeclaredVersionWithTheFailingPath() {
        UUID tenant = TestEvents.newTenant();
        registry.register(tenant, type, V1, null);

        assertThat(registry.validation().apply(List.of(event(tenant, 1, "{'amount':5}")))).hasSize(1);
        assertThatThrownBy(() -> registry.validation().apply(List.of(event(tenant, 1, "{'amount':5}"),
                event(tenant, 1, "{'amount':'five'}"))))
                .isInstanceOfSatisfying(SchemaValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("data.amount");
                    assertThat(e.index()).isEqualTo(1);
                });
        assertThatThrownBy(() -> registry.validation().apply(List.of(event(tenant, 2, "{'amount':5}"))))
                .isInstanceOfSatisfying(SchemaValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("version"));
    }

    @Test
    void aTypeWithoutSchemaPassesAndGlobalSchemasApplyToTenantsWithoutTheirOwn() {
        UUID tenant = TestEvents.newTenant();
        assertThat(registry.validation().apply(List.of(event(tenant, 7, "{'anything':true}")))).hasSize(1);

        registry.register(null, type, V1, null);
        assertThatThrownBy(() -> registry.validation().apply(List.of(event(tenant, 1, "{}"))))
                .isInstanceOf(SchemaValidationException.class);
        registry.register(tenant, type, json("{'type':'object'}"), null);
        assertThat(registry.validation().apply(List.of(event(tenant, 1, "{}")))).hasSize(1);
    }

    @Test
    void declarativeAndJavaUpcastersChainWithoutChangingTheEvent() {
        UUID tenant = TestEvents.newTenant();
        registry.setCompatibility(tenant, type, Compatibility.NONE);
        registry.register(tenant, type, json("{'type':'object'}"), null);
        registry.register(tenant, type, json("{'type':'object'}"), steps("[{'op':'rename','from':'name','to':'full_name'},"
                + "{'op':'move','from':'city','to':'address.city'},{'op':'add','field':'currency','default':'EUR'},"
                + "{'op':'drop','field':'legacy'}]"));
        registry.upcaster(type, 2, data -> data.put("upcast_by_java", true));
        Event stored = event(tenant, 1, "{'name':'Ada','city':'Paris','legacy':1}");

        assertThat(registry.latestVersion(tenant, type)).isEqualTo(3);
        Event latest = registry.toLatest(stored);
        assertThat(latest.version()).isEqualTo(3);
        assertThat(latest.data()).isEqualTo(json("{'full_name':'Ada','address':{'city':'Paris'},'currency':'EUR',"
                + "'upcast_by_java':true}"));
        assertThat(stored.data()).isEqualTo(json("{'name':'Ada','city':'Paris','legacy':1}"));
        assertThat(registry.upcast(stored, 2).data().has("upcast_by_java")).isFalse();
        assertThat(registry.upcast(latest, 1)).isSameAs(latest);
    }
}
