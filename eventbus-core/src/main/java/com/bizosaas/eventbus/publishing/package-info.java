/**
 * The publish pipeline's extension point: {@link com.bizosaas.eventbus.publishing.PublishStage},
 * one small class per step between a publisher's call and the store.
 */
package com.bizosaas.eventbus.publishing;
