/**
 * Logging helpers that keep a failing dependency from flooding the log.
 */
package com.bizosaas.eventbus.logging;
