/**
 * Where events travel on a broker: the deployment's {@link com.bizosaas.eventbus.routing.Namespace},
 * routing and the CloudEvents form. ({@code EventCodec} shares this package from {@code eventbus-model}.)
 */
package com.bizosaas.eventbus.routing;
