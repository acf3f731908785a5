package com.bizosaas.eventbus.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.contract.ManualClock;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedded bus's per-tenant rate limits, timed by a manual clock. */
class RateLimitTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final UUID tenant = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();
    private final EventBus bus = EventBus.builder().clock(clock).rateLimit(new RateLimit(2, 3)).build().start();

    @AfterEach
    void stop() {
        bus.close();
    }

    private Event event(UUID of) {
        return Event.builder().type("lead.created").tenant(of).source("crm").build();
    }

    private List<Event> batch(UUID of, int size) {
        return Collections.nCopies(size, of).stream().map(this::event).toList();
    }

    @Test
    void aTenantOverItsBurstIsRefusedWithTheRetryTimeAndNothingIsStored() {
        bus.publishAll(batch(tenant, 3));

        assertThatThrownBy(() -> bus.publish(event(tenant)))
                .isInstanceOfSatisfying(TenantRateLimitedException.class, e -> {
                    assertThat(e.code()).isEqualTo("rate_limited");
                    // 2 tokens a second: the next one is half a second away.
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(500));
                    assertThat(e.remaining()).isZero();
                    assertThat(e.limit()).isEqualTo(new RateLimit(2, 3));
                    assertThat(e.untilFull()).isEqualTo(Duration.ofMillis(1500));
                });
        assertThat(bus.history(EventQuery.forTenant(tenant).build()).items()).hasSize(3);
    }

    @Test
    void tokensComeBackAtTheRateOverTime() {
        bus.publishAll(batch(tenant, 3));

        clock.advance(Duration.ofMillis(500));
        bus.publish(event(tenant));
        assertThatThrownBy(() -> bus.publish(event(tenant))).isInstanceOf(TenantRateLimitedException.class);
        clock.advance(Duration.ofSeconds(1));
        bus.publishAll(batch(tenant, 2));
    }

    @Test
    void aBatchCountsItsEventsAndOneLargerThanTheBurstIsInvalid() {
        bus.publish(event(tenant));
        assertThatThrownBy(() -> bus.publishAll(batch(tenant, 3))).isInstanceOf(TenantRateLimitedException.class);
        assertThatThrownBy(() -> bus.publishAll(batch(tenant, 4)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.code()).isEqualTo("batch_over_rate_limit"));
        assertThat(bus.history(EventQuery.forTenant(tenant).build()).items()).hasSize(1);
    }

    @Test
    void oneTenantsFloodLeavesAnotherTenantsBucketAlone() {
        bus.publishAll(batch(tenant, 3));
        assertThatThrownBy(() -> bus.publish(event(tenant))).isInstanceOf(TenantRateLimitedException.class);

        bus.publishAll(batch(other, 3));
    }

    @Test
    void anOverrideReplacesTheDefaultForThatTenantAtOnce() {
        bus.publishAll(batch(tenant, 3));
        bus.rateLimits().override(tenant, new RateLimit(100, 10));

        bus.publishAll(batch(tenant, 10));
        assertThat(bus.rateLimits().limit(tenant)).contains(new RateLimit(100, 10));
        assertThat(bus.rateLimits().isOverridden(tenant)).isTrue();
        assertThat(bus.rateLimits().limit(other)).contains(new RateLimit(2, 3));
        assertThat(bus.rateLimits().isOverridden(other)).isFalse();
    }

    @Test
    void readsHaveTheirOwnBucket() {
        bus.publishAll(batch(tenant, 3));

        bus.rateLimits().acquireReads(tenant, 3);
        assertThatThrownBy(() -> bus.rateLimits().acquireReads(tenant, 1))
                .isInstanceOf(TenantRateLimitedException.class)
                .hasMessageContaining("for read");
    }

    @Test
    void withoutADefaultNoTenantIsLimited() {
        try (EventBus unlimited = EventBus.builder().clock(clock).build().start()) {
            unlimited.publishAll(batch(tenant, 1000));
            assertThat(unlimited.rateLimits().limit(tenant)).isEmpty();
        }
    }

    @Test
    void aLimitBelowOneIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new RateLimit(0, 5)).hasMessageContaining("per_second");
        assertThatThrownBy(() -> new RateLimit(5, 0)).hasMessageContaining("burst");
    }
}
