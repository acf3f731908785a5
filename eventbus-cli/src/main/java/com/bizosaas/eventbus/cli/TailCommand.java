package com.bizosaas.eventbus.cli;

import com.bizosaas.eventbus.client.EventBusClient;
import com.bizosaas.eventbus.client.EventBusClientException;
import com.bizosaas.eventbus.client.EventStream;
import com.bizosaas.eventbus.client.StreamMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tail}: the live stream, one event JSON per line. When the connection breaks it
 * reconnects after the last position printed, so nothing is skipped or printed twice; the
 * server's refusals (bad tenant, unknown key) end the command instead.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print a tenant's events as they are published, one JSON line each (pipe to jq).",
                "Reconnects by itself after a broken connection, resuming after the last event printed."},
        footer = {"", "Examples:",
                "  eventbus tail --tenant $T --type lead.created --type lead.qualified | jq .data",
                "  eventbus tail --tenant $T --after 1200      # resume after position 1200"})
final class TailCommand implements Runnable {
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    @ParentCommand
    EventBusCli root;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tenant", required = true, description = "Tenant id (UUID).")
    UUID tenant;

    @Option(names = "--type", description = "Only these event types (repeatable).")
    List<String> types = List.of();

    @Option(names = "--after", paramLabel = "POSITION",
            description = "Start after this store position (each event's \"position\"); default: new events only.")
    Long after;

    @Option(names = "--count", paramLabel = "N", description = "Exit after N events.")
    Long count;

    @Override
    public void run() {
        Long position = after;
        long printed = 0;
        try (EventBusClient client = root.client(EventBusCli.DEFAULT_SERVICE)) {
            while (count == null || printed < count) {
                try (EventStream stream = client.stream(tenant, types, position)) {
                    StreamMessage message;
                    while ((count == null || printed < count) && (message = stream.next()) != null) {
                        JsonOutput.print(spec, message.json());
                        position = message.position();
                        printed++;
                    }
                } catch (IOException | EventBusClientException e) {
                    if (e instanceof EventBusClientException refused && !refused.isRetryable()) {
                        throw refused;
                    }
                    spec.commandLine().getErr().println("eventbus: stream interrupted (" + e.getMessage()
                            + "); reconnecting after position " + position);
                    spec.commandLine().getErr().flush();
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventBusClientException("interrupted", "interrupted", 0);
        }
    }
}
