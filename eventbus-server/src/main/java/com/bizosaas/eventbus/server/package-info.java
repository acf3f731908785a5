/**
 * The HTTP server: {@link com.bizosaas.eventbus.server.EventBusServer} and its settings,
 * {@link com.bizosaas.eventbus.server.ServerConfig} ({@code EVENTBUS_*}).
 */
package com.bizosaas.eventbus.server;
