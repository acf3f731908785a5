/**
 * The PostgreSQL store's machinery (group commit, partitions, maintenance, row mapping); not an API.
 */
package com.bizosaas.eventbus.store.postgres.internal;
