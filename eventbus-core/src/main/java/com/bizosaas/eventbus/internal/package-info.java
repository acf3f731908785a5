/**
 * The engine's implementation: publish pipeline, dispatcher, delivery workers, outbox relay; not an API.
 */
package com.bizosaas.eventbus.internal;
