/**
 * Reading {@code EVENTBUS_*} settings the same way in every module: {@link com.bizosaas.eventbus.config.EnvReader}
 * and its one exception, {@link com.bizosaas.eventbus.config.ConfigurationException}.
 */
package com.bizosaas.eventbus.config;
