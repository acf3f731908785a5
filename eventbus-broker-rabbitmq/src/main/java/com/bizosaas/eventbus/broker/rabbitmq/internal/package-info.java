/**
 * The RabbitMQ broker's machinery (channels, confirms, consumers); not an API.
 */
package com.bizosaas.eventbus.broker.rabbitmq.internal;
