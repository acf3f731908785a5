/**
 * The in-memory store and broker: the embedded default and the tests' reference adapters.
 */
package com.bizosaas.eventbus.memory;
