/**
 * The bus embedded in a JVM service, plainly and with Spring Boot.
 */
package com.bizosaas.eventbus.examples.embedded;
