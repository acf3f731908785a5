/**
 * The Java client SDK: {@link com.bizosaas.eventbus.client.EventBusClient} publishes, subscribes,
 * reads history and registers webhooks over HTTP; the events themselves are the shared
 * {@code eventbus-model} types. No engine class is on its classpath.
 */
package com.bizosaas.eventbus.client;
