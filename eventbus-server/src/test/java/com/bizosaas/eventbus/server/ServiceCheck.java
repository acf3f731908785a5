package com.bizosaas.eventbus.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

/** Fails a test loudly, with the command that fixes it, when a local service it needs is down. */
final class ServiceCheck {
    private record Service(String name, int port, String start) {
    }

    private static final Map<String, Service> SERVICES = Map.of(
            "redis", new Service("Redis", 6379, "scripts/services.sh start"),
            "rabbitmq", new Service("RabbitMQ", 5672, "scripts/services.sh start"),
            "kafka", new Service("Kafka", 9092, "scripts/services.sh start"),
            "postgres", new Service("PostgreSQL", 5432, "scripts/services.sh start"));

    private ServiceCheck() {
    }

    static void requireReachable(String key) {
        Service service = SERVICES.get(key);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", service.port()), 2_000);
        } catch (IOException e) {
            throw new AssertionError(service.name() + " is not reachable at 127.0.0.1:" + service.port()
                    + ": start it with `" + service.start() + "` (or run scripts/test.sh)", e);
        }
    }
}
