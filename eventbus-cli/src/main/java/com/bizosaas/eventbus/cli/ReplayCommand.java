package com.bizosaas.eventbus.cli;

import com.bizosaas.eventbus.client.EventBusClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code replay start|status}: re-deliver stored events to one subscription, and follow the job. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-deliver stored events to one subscription (marked X-EventBus-Replay), and show a replay's progress.",
        subcommands = {ReplayCommand.Start.class, ReplayCommand.Status.class})
final class ReplayCommand {
    @ParentCommand
    EventBusCli root;

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start a replay; prints the job with its replay_id.",
            footer = {"", "Example:",
                    "  eventbus replay start --subscription $S --tenant $T --type lead.created --from 2026-12-01T00:00:00Z"})
    static final class Start implements Runnable {
        @ParentCommand
        ReplayCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--subscription", required = true, description = "The only subscription that receives the events.")
        UUID subscription;

        @Option(names = "--tenant", description = "Tenant id (default: the subscription's tenant).")
        UUID tenant;

        @Option(names = "--type", description = "Only these event types (repeatable).")
        List<String> types = List.of();

        @Option(names = "--from", paramLabel = "TIME", description = "From this time (ISO-8601).")
        Instant from;

        @Option(names = "--to", paramLabel = "TIME", description = "Up to this time (ISO-8601).")
        Instant to;

        @Option(names = "--from-position", description = "From this store position.")
        Long fromPosition;

        @Option(names = "--to-position", description = "Up to this store position.")
        Long toPosition;

        @Override
        public void run() {
            ObjectNode request = JsonOutput.MAPPER.createObjectNode();
            if (tenant != null) {
                request.put("tenant_id", tenant.toString());
            }
            types.forEach(request.putArray("event_types")::add);
            if (from != null) {
                request.put("from_time", from.toString());
            }
            if (to != null) {
                request.put("to_time", to.toString());
            }
            if (fromPosition != null) {
                request.put("from_position", fromPosition);
            }
            if (toPosition != null) {
                request.put("to_position", toPosition);
            }
            try (EventBusClient client = parent.root.client(EventBusCli.DEFAULT_SERVICE)) {
                JsonOutput.print(spec, client.startReplay(subscription, request));
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "A replay's progress.")
    static final class Status implements Runnable {
        @ParentCommand
        ReplayCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "REPLAY_ID")
        UUID id;

        @Override
        public void run() {
            try (EventBusClient client = parent.root.client(EventBusCli.DEFAULT_SERVICE)) {
                JsonOutput.print(spec, client.replay(id));
            }
        }
    }
}
