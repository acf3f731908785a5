package com.bizosaas.eventbus.client;

import java.time.Duration;

/** Checks shared by the option builders; every message names the setting and the bad value. */
final class Settings {
    private Settings() {
    }

    static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + "; got " + value);
        }
    }

    static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration; got " + value);
        }
    }

    static void requireNotNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative; got " + value);
        }
    }
}
