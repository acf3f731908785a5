/**
 * The RabbitMQ {@code MessageBroker}: {@link com.bizosaas.eventbus.broker.rabbitmq.RabbitMqBroker} and
 * its settings, {@link com.bizosaas.eventbus.broker.rabbitmq.RabbitMqConfig} ({@code EVENTBUS_RABBITMQ_*}).
 */
package com.bizosaas.eventbus.broker.rabbitmq;
