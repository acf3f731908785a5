/**
 * Order per key: {@link com.bizosaas.eventbus.ordering.KeyedExecutor} runs tasks of one key one
 * after another in submission order and tasks of different keys in parallel, within a bound. The
 * broker adapters and the engine's direct path hand their handler work to it, so the rule "one
 * ordering key, one task at a time" is written once.
 */
package com.bizosaas.eventbus.ordering;
