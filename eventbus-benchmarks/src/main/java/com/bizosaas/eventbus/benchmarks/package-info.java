/**
 * JMH benchmarks and load drivers behind the figures in docs/BENCHMARKS.md; not a library.
 */
package com.bizosaas.eventbus.benchmarks;
