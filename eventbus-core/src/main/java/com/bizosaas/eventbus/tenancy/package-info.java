/**
 * Per-tenant rate limits for publishing and reads.
 */
package com.bizosaas.eventbus.tenancy;
