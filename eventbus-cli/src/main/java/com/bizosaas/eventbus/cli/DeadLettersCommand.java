package com.bizosaas.eventbus.cli;

import com.bizosaas.eventbus.client.EventBusClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dlq list|show|redrive|discard}: the dead letter queue. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "List, inspect, redrive and discard dead letters.",
        subcommands = {DeadLettersCommand.List.class, DeadLettersCommand.Show.class,
                DeadLettersCommand.Redrive.class, DeadLettersCommand.Discard.class})
final class DeadLettersCommand {
    @ParentCommand
    EventBusCli root;

    JsonNode call(BiFunction<EventBusClient, UUID, JsonNode> call, UUID id) {
        try (EventBusClient client = root.client(EventBusCli.DEFAULT_SERVICE)) {
            return call.apply(client, id);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Dead letters, oldest first, one JSON line each.",
                    "With more to read, the next page's cursor is printed on standard error: pass it to --after."})
    static final class List implements Runnable {
        @ParentCommand
        DeadLettersCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--tenant", description = "Only this tenant's.")
        UUID tenant;

        @Option(names = "--subscription", description = "Only this subscription's.")
        UUID subscription;

        @Option(names = "--type", description = "Only this event type's.")
        String type;

        @Option(names = "--after", paramLabel = "CURSOR", description = "The previous page's next cursor.")
        String after;

        @Option(names = "--limit", description = "At most this many.")
        Integer limit;

        @Override
        public void run() {
            Map<String, String> filters = new HashMap<>();
            filters.put("tenant_id", tenant == null ? null : tenant.toString());
            filters.put("subscription_id", subscription == null ? null : subscription.toString());
            filters.put("event_type", type);
            filters.put("after", after);
            filters.put("limit", limit == null ? null : limit.toString());
            JsonNode page = parent.call((client, ignored) -> client.deadLetters(filters), null);
            page.path("dead_letters").forEach(letter -> JsonOutput.print(spec, letter));
            JsonNode next = page.path("next_cursor");
            if (!next.isMissingNode() && !next.isNull()) {
                spec.commandLine().getErr().println("next cursor: " + next.asText());
                spec.commandLine().getErr().flush();
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One dead letter with every attempt.")
    static final class Show implements Runnable {
        @ParentCommand
        DeadLettersCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DEAD_LETTER_ID")
        UUID id;

        @Override
        public void run() {
            JsonOutput.print(spec, parent.call(EventBusClient::deadLetter, id));
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = "Deliver a dead letter again, with a fresh attempt budget.")
    static final class Redrive implements Runnable {
        @ParentCommand
        DeadLettersCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DEAD_LETTER_ID")
        UUID id;

        @Override
        public void run() {
            JsonOutput.print(spec, parent.call(EventBusClient::redriveDeadLetter, id));
        }
    }

    @Command(name = "discard", mixinStandardHelpOptions = true, description = "Discard a dead letter for good.")
    static final class Discard implements Runnable {
        @ParentCommand
        DeadLettersCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DEAD_LETTER_ID")
        UUID id;

        @Override
        public void run() {
            JsonOutput.print(spec, parent.call(EventBusClient::discardDeadLetter, id));
        }
    }
}
