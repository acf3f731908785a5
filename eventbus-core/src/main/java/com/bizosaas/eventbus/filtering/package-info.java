/**
 * Content filters of subscriptions: compiled once, matched against an event's fields and data.
 */
package com.bizosaas.eventbus.filtering;
