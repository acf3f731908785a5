package com.bizosaas.eventbus.server;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The server tests' shorthand for core's {@link com.bizosaas.eventbus.contract.Await}: the
 * condition's description first, and a default timeout long enough for a loaded CI machine.
 */
final class Await {
    static final Duration DEFAULT = Duration.ofSeconds(20);

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }

    static void until(String what, Duration timeout, BooleanSupplier condition) {
        com.bizosaas.eventbus.contract.Await.until(timeout, condition, "timed out waiting until " + what);
    }
}
