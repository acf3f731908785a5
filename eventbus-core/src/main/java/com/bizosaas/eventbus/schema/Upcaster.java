package com.bizosaas.eventbus.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns the data of one event type from version n into version n + 1, in Java (Axon's upcaster).
 * Registered with {@link SchemaRegistry#upcaster}; chained with other upcasters and with the
 * declarative steps of registered schemas. Gets a copy it may change and return. Must be
 * thread-safe and free of side effects: it runs on every read that asks for a newer version.
 */
@FunctionalInterface
public interface Upcaster {
    ObjectNode upcast(ObjectNode data);
}
