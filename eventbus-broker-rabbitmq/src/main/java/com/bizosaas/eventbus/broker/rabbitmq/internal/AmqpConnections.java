package com.bizosaas.eventbus.broker.rabbitmq.internal;

import com.bizosaas.eventbus.broker.rabbitmq.RabbitMqConfig;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/** Opens self-recovering connections to the broker a {@link RabbitMqConfig} names. Stateless. */
public final class AmqpConnections {
    private static final int CONNECTION_TIMEOUT_MILLIS = 10_000;

    private AmqpConnections() {
    }

    /**
     * Opens a connection named {@code eventbus-<purpose>} (as the management tools show it) with
     * automatic connection and topology recovery. Fails with an {@code UnavailableException} when
     * the broker cannot be reached or refuses the credentials.
     */
    public static Connection open(RabbitMqConfig config, String purpose) {
        ConnectionFactory factory = factory(config);
        try {
            return factory.newConnection("eventbus-" + purpose);
        } catch (IOException | TimeoutException | RuntimeException e) {
            throw AmqpFailures.unavailable("connect to " + config.redactedUrl() + " (" + purpose + ")", e);
        }
    }

    static ConnectionFactory factory(RabbitMqConfig config) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            URI uri = new URI(config.url());
            factory.setUri(uri);
            String path = uri.getRawPath();
            if (path == null || path.isEmpty() || path.equals("/")) {
                // The AMQP URI spec reads a bare "/" as the empty vhost; the seed's (and pika's) users mean
                // the default vhost by amqp://host:5672/, so that is what it gets.
                factory.setVirtualHost("/");
            }
            if (factory.isSSL()) {
                // setUri trusts every certificate for amqps; verify against the JVM's trust store instead.
                factory.useSslProtocol(SSLContext.getDefault());
                factory.enableHostnameVerification();
            }
        } catch (URISyntaxException | GeneralSecurityException e) {
            throw new IllegalArgumentException(RabbitMqConfig.URL + " is not usable: " + e.getClass().getSimpleName()
                    + "; got '" + config.redactedUrl() + "'", e);
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(config.recoveryInterval().toMillis());
        factory.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        return factory;
    }
}
