package com.bizosaas.eventbus.examples;

import com.bizosaas.eventbus.server.EventBusServer;
import com.bizosaas.eventbus.server.RunningServer;
import com.bizosaas.eventbus.server.ServerConfig;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * The demo profile's entry point: {@link IntegrationDemo} against the bus {@code --url} names, or,
 * without one, against a bus started in this process on a free port with the in-memory store.
 * In test scope with the server, so the examples themselves compile against the SDK alone.
 */
public final class InProcessDemo {
    private InProcessDemo() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) throws InterruptedException {
        if (new CommandLine(args).has("url")) {
            return IntegrationDemo.run(args, out);
        }
        try (RunningServer bus = EventBusServer.start(ServerConfig.fromEnvironment(Map.of("EVENTBUS_SERVICE_PORT", "0")))) {
            out.println("Started an in-process bus (in-memory store) on port " + bus.port());
            String[] withUrl = Arrays.copyOf(args, args.length + 2);
            withUrl[args.length] = "--url";
            withUrl[args.length + 1] = "http://127.0.0.1:" + bus.port();
            return IntegrationDemo.run(withUrl, out);
        }
    }
}
