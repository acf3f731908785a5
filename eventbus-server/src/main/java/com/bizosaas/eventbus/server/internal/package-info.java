/**
 * The server's routes, JSON parsing, errors, metrics and access checks; not an API.
 */
package com.bizosaas.eventbus.server.internal;
