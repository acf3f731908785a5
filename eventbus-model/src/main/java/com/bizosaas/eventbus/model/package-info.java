/**
 * The wire model the engine, the server and the client SDK share: {@link com.bizosaas.eventbus.model.Event}
 * and its JSON rules ({@link com.bizosaas.eventbus.model.WireJson}), {@link com.bizosaas.eventbus.model.Priority},
 * ids, receipts, queries and pages.
 */
package com.bizosaas.eventbus.model;
