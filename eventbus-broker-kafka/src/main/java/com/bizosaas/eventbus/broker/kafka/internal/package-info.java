/**
 * The Kafka broker's machinery (producers, consumer members, partition lanes); not an API.
 */
package com.bizosaas.eventbus.broker.kafka.internal;
