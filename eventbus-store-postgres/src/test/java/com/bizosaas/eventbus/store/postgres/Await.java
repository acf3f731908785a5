package com.bizosaas.eventbus.store.postgres;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for a condition, instead of sleeping and hoping. */
final class Await {
    private Await() {
    }

    static void awaitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
