package com.bizosaas.eventbus.cli;

import com.bizosaas.eventbus.client.EventBusClient;
import com.bizosaas.eventbus.client.HistoryPage;
import com.bizosaas.eventbus.client.HistoryQuery;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code history}: stored events of a tenant, one JSON line each; the next page's cursor goes to standard error. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Print a tenant's stored events, one JSON line each.",
                "With more to read, the next page's cursor is printed on standard error: pass it to --after."},
        footer = {"", "Example:",
                "  eventbus history --tenant $T --type lead.created --from 2026-12-01T00:00:00Z --limit 500"})
final class HistoryCommand implements Runnable {
    @ParentCommand
    EventBusCli root;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tenant", required = true, description = "Tenant id (UUID).")
    UUID tenant;

    @Option(names = "--type", description = "Only these event types (repeatable).")
    List<String> types = List.of();

    @Option(names = "--from", paramLabel = "TIME", description = "From this time (ISO-8601, e.g. 2026-12-01T00:00:00Z).")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", description = "Up to this time (ISO-8601).")
    Instant to;

    @Option(names = "--subject", description = "Only this subject's events.")
    String subject;

    @Option(names = "--limit", defaultValue = "100", description = "Events per page, 1-1000 (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--oldest-first", description = "Oldest first (default: newest first).")
    boolean oldestFirst;

    @Option(names = "--after", paramLabel = "CURSOR", description = "The previous page's next cursor.")
    Long after;

    @Override
    public void run() {
        HistoryQuery.Builder query = HistoryQuery.builder(tenant).eventTypes(types.toArray(String[]::new))
                .limit(limit).from(from).to(to).subject(subject)
                .order(oldestFirst ? HistoryQuery.Order.OLDEST : HistoryQuery.Order.NEWEST);
        HistoryQuery built = after == null ? query.build() : query.build().after(after);
        try (EventBusClient client = root.client(EventBusCli.DEFAULT_SERVICE)) {
            HistoryPage page = client.history(built);
            page.events().forEach(event -> JsonOutput.print(spec, event));
            if (page.nextCursor() != null) {
                spec.commandLine().getErr().println("next cursor: " + page.nextCursor());
                spec.commandLine().getErr().flush();
            }
        }
    }
}
