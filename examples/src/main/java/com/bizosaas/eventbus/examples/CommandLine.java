package com.bizosaas.eventbus.examples;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} arguments of the example mains. */
final class CommandLine {
    private final Map<String, String> values = new HashMap<>();

    CommandLine(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value pairs; got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }
}
