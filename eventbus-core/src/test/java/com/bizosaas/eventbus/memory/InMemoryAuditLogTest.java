package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.contract.AuditLogContract;
import com.bizosaas.eventbus.spi.AuditLog;

class InMemoryAuditLogTest extends AuditLogContract {
    @Override
    protected AuditLog newLog() {
        return new InMemoryAuditLog();
    }
}
