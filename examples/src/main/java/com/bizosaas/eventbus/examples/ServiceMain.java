package com.bizosaas.eventbus.examples;

import com.bizosaas.eventbus.client.EventBusClient;
import com.bizosaas.eventbus.client.EventBusClientConfig;
import java.util.function.Function;

/**
 * Runs one example service on its own against a bus ({@code --url}, default
 * {@code http://localhost:8003}) until the JVM is stopped; the subscriptions' worker threads
 * keep it alive, a shutdown hook lets in-flight handlers finish.
 */
final class ServiceMain {
    private ServiceMain() {
    }

    static void run(String[] args, String serviceName, Function<EventBusClient, ExampleService> factory) {
        String url = new CommandLine(args).value("url", "http://localhost:8003");
        EventBusClient client = EventBusClient.create(EventBusClientConfig.builder(url, serviceName).build());
        ExampleService service = factory.apply(client).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            client.close();
        }, serviceName + "-shutdown"));
        System.out.println(serviceName + " is consuming events from " + url + " (Ctrl-C stops it)");
    }
}
