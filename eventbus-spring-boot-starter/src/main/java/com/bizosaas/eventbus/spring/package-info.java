/**
 * Spring Boot auto-configuration: an embedded bus from {@code eventbus.*} properties, listener methods,
 * health and metrics.
 */
package com.bizosaas.eventbus.spring;
