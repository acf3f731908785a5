/**
 * The SDK's HTTP transport, retries, pull loop and error mapping; not an API.
 */
package com.bizosaas.eventbus.client.internal;
