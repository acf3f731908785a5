package com.bizosaas.eventbus.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.spi.AuditLog;
import com.bizosaas.eventbus.tenancy.AuditEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AuditLog} must show. Extend it once per implementation; {@link
 * #newLog()} is called before each test and closed after it. Each test reads its own tenants'
 * entries only, so a shared database is fine.
 */
public abstract class AuditLogContract {
    protected AuditLog log;

    protected abstract AuditLog newLog();

    @BeforeEach
    void openLog() {
        log = newLog();
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void aRecordedEntryComesBackWithEveryFieldAndAGrowingSequence() throws Exception {
        UUID tenant = UUID.randomUUID();
        AuditEntry entry = new AuditEntry(0, TestEvents.now(), UUID.randomUUID(), "ops key", tenant,
                "rate_limit.changed", tenant.toString(),
                WireJson.reader().readTree("{\"per_second\": 10, \"burst\": 20}"));

        AuditEntry first = log.record(entry);
        AuditEntry second = log.record(entry);

        assertThat(first.sequence()).isPositive();
        assertThat(second.sequence()).isGreaterThan(first.sequence());
        assertThat(log.list(tenant, 0, 10).items()).containsExactly(second, first);
        assertThat(first).isEqualTo(entry.withSequence(first.sequence()));
    }

    @Test
    void pagesGoFromNewestToOldestForOneTenant() {
        UUID tenant = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        List<AuditEntry> recorded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            recorded.add(0, log.record(entry(tenant, "subscription.paused")));
            log.record(entry(other, "subscription.paused"));
        }

        Page<AuditEntry> first = log.list(tenant, 0, 2);
        Page<AuditEntry> second = log.list(tenant, first.nextCursor(), 2);
        Page<AuditEntry> last = log.list(tenant, second.nextCursor(), 2);

        assertThat(first.items()).containsExactlyElementsOf(recorded.subList(0, 2));
        assertThat(second.items()).containsExactlyElementsOf(recorded.subList(2, 4));
        assertThat(last.items()).containsExactlyElementsOf(recorded.subList(4, 5));
        assertThat(last.hasMore()).isFalse();
    }

    @Test
    void withoutATenantEveryEntryIsListedPlatformOnesIncluded() {
        AuditEntry platform = log.record(entry(null, "api_key.created"));
        AuditEntry tenants = log.record(entry(UUID.randomUUID(), "api_key.revoked"));

        assertThat(log.list(null, 0, 2).items()).containsExactly(tenants, platform);
    }

    private static AuditEntry entry(UUID tenant, String action) {
        return new AuditEntry(0, TestEvents.now(), null, "open mode", tenant, action, null, null);
    }
}
