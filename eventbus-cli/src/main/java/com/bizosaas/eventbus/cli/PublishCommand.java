package com.bizosaas.eventbus.cli;

import com.bizosaas.eventbus.client.EventBusClient;
import com.bizosaas.eventbus.model.Priority;
import com.bizosaas.eventbus.client.PublishRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code publish}: one event from options, or a batch of events from JSON lines or a JSON array. Prints the receipts. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publish one event, or a batch (all-or-nothing) with --batch.",
                "Prints one receipt per event: event_id, position, time, duplicate."},
        footer = {"", "Examples:",
                "  eventbus publish --tenant $T --type lead.created --data '{\"email\":\"jo@acme.example\"}'",
                "  eventbus publish --tenant $T --type lead.created --data @lead.json",
                "  jq -c '.[]' events.json | eventbus publish --batch -"})
final class PublishCommand implements Runnable {
    /** The server's largest batch is bounded by EVENTBUS_MAX_EVENT_BYTES; chunks keep each request small. */
    private static final int BATCH_CHUNK = 100;

    @ParentCommand
    EventBusCli root;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @ArgGroup(exclusive = false)
        Single single;

        @Option(names = "--batch", required = true, paramLabel = "@FILE|-",
                description = "Events as JSON lines or one JSON array, each with the seed's fields "
                        + "(event_type, tenant_id, data, ...): @file or - for standard input.")
        String batch;
    }

    static final class Single {
        @Option(names = "--tenant", required = true, description = "Tenant id (UUID).")
        UUID tenant;

        @Option(names = "--type", required = true, description = "Event type, e.g. lead.created.")
        String type;

        @Option(names = "--data", defaultValue = "{}", paramLabel = "JSON|@FILE|-",
                description = "The payload: JSON, @file, or - for standard input (default {}).")
        String data;

        @Option(names = "--subject", description = "Aggregate id; events of one subject are delivered in order.")
        String subject;

        @Option(names = "--priority", description = "low, normal, high or critical.")
        String priority;

        @Option(names = "--correlation-id")
        String correlationId;

        @Option(names = "--idempotency-key", description = "Makes a repeated publish return the first one's receipt.")
        String idempotencyKey;
    }

    @Option(names = "--source", defaultValue = EventBusCli.DEFAULT_SERVICE,
            description = "source_service of the events (default ${DEFAULT-VALUE}).")
    String source;

    @Override
    public void run() {
        List<PublishRequest> events = input.batch != null ? batch() : List.of(single());
        try (EventBusClient client = root.client(source)) {
            if (input.batch == null) {
                JsonOutput.print(spec, client.publish(events.get(0)));
                return;
            }
            for (int from = 0; from < events.size(); from += BATCH_CHUNK) {
                client.publishBatch(events.subList(from, Math.min(events.size(), from + BATCH_CHUNK)))
                        .forEach(receipt -> JsonOutput.print(spec, receipt));
            }
        }
    }

    private PublishRequest single() {
        Single s = input.single;
        JsonNode data = JsonOutput.parse(spec, "--data", InputText.read(spec, "--data", s.data, System.in));
        if (!data.isObject()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--data must be a JSON object");
        }
        PublishRequest.Builder event = PublishRequest.builder(s.type, s.tenant).data(data).subject(s.subject)
                .correlationId(s.correlationId).idempotencyKey(s.idempotencyKey);
        if (s.priority != null) {
            event.priority(priority(s.priority));
        }
        return event.build();
    }

    private Priority priority(String name) {
        for (Priority p : Priority.values()) {
            if (p.wireName().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
                "--priority must be low, normal, high or critical; got '" + name + "'");
    }

    private List<PublishRequest> batch() {
        String text = InputText.read(spec, "--batch", input.batch, System.in).strip();
        List<JsonNode> items = new ArrayList<>();
        if (text.startsWith("[")) {
            JsonOutput.parse(spec, "--batch", text).forEach(items::add);
        } else {
            text.lines().filter(line -> !line.isBlank()).forEach(line -> items.add(JsonOutput.parse(spec, "--batch", line)));
        }
        if (items.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch holds no events");
        }
        List<PublishRequest> events = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            events.add(request(items.get(i), i));
        }
        return events;
    }

    private PublishRequest request(JsonNode item, int index) {
        try {
            PublishRequest event = JsonOutput.MAPPER.treeToValue(item, PublishRequest.class);
            return event.sourceService() == null ? event.toBuilder().sourceService(source).build() : event;
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--batch event " + (index + 1) + " is not an event: " + reason);
        }
    }
}
