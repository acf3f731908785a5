package com.bizosaas.eventbus.cli;

import com.bizosaas.eventbus.client.EventBusClient;
import com.bizosaas.eventbus.client.EventBusClientConfig;
import com.bizosaas.eventbus.client.EventBusClientException;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code java -jar eventbus-cli.jar [--url URL] [--api-key KEY] <command> ...}: the operators'
 * tool over the client SDK. Answers are JSON, one document per line (pipe to {@code jq}). Exit
 * status 0 on success, 1 when the server or the connection failed (the server's message on
 * standard error, never a stack trace), 2 on a usage error.
 */
@Command(name = "eventbus", mixinStandardHelpOptions = true, versionProvider = EventBusCli.Version.class,
        description = "Publish, tail and operate a BizOSaaS event bus.",
        subcommands = {PublishCommand.class, TailCommand.class, HistoryCommand.class, SubscriptionsCommand.class,
                DeadLettersCommand.class, ReplayCommand.class, HealthCommand.class,
                AutoComplete.GenerateCompletion.class})
public final class EventBusCli {
    static final int EXIT_FAILED = 1;
    static final String DEFAULT_SERVICE = "eventbus-cli";

    @Option(names = "--url", scope = ScopeType.INHERIT, defaultValue = "${env:EVENTBUS_URL:-http://localhost:8003}",
            description = "Base URL of the bus (env EVENTBUS_URL; default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--api-key", scope = ScopeType.INHERIT, defaultValue = "${env:EVENTBUS_API_KEY}",
            description = "API key sent as X-API-Key (env EVENTBUS_API_KEY).")
    String apiKey;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: exit codes and error printing as the class comment says. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EventBusCli());
        // @file belongs to --data and --batch (curl's convention), not to picocli's argument files.
        cli.setExpandAtFiles(false);
        cli.setExecutionExceptionHandler((e, failed, parsed) -> {
            PrintWriter err = failed.getErr();
            err.println("eventbus: " + (e instanceof EventBusClientException ? e.getMessage() : String.valueOf(e.getMessage())));
            err.flush();
            return EXIT_FAILED;
        });
        cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        return cli;
    }

    /** A client of the bus for one command; {@code service} is the {@code source_service}/{@code service_name} it acts as. */
    EventBusClient client(String service) {
        EventBusClientConfig.Builder config = EventBusClientConfig.builder(url, service);
        if (apiKey != null && !apiKey.isBlank()) {
            config.apiKey(apiKey);
        }
        return EventBusClient.create(config.build());
    }

    /** The jar's version from its manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = EventBusCli.class.getPackage().getImplementationVersion();
            return new String[] {"eventbus-cli " + (version == null ? "development build" : version)};
        }
    }
}
