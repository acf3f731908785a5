package com.bizosaas.eventbus.cli;

import com.bizosaas.eventbus.client.EventBusClient;
import com.bizosaas.eventbus.client.WebhookRegistration;
import java.util.UUID;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code subscriptions list|create|pause|resume|delete}. Secrets are shown once, by create. */
@Command(name = "subscriptions", mixinStandardHelpOptions = true,
        description = "List, create, pause, resume and delete subscriptions.",
        subcommands = {SubscriptionsCommand.List.class, SubscriptionsCommand.Create.class,
                SubscriptionsCommand.Pause.class, SubscriptionsCommand.Resume.class, SubscriptionsCommand.Delete.class})
final class SubscriptionsCommand {
    @ParentCommand
    EventBusCli root;

    /** Runs {@code call} with a client and prints its answer. */
    void answer(CommandLine.Model.CommandSpec spec, String service, Function<EventBusClient, Object> call) {
        try (EventBusClient client = root.client(service)) {
            JsonOutput.print(spec, call.apply(client));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every subscription, one JSON line each.")
    static final class List implements Runnable {
        @ParentCommand
        SubscriptionsCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            try (EventBusClient client = parent.root.client(EventBusCli.DEFAULT_SERVICE)) {
                client.subscriptions().forEach(s -> JsonOutput.print(spec, s));
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a webhook subscription; prints it with its signing secret (shown only now).",
                    "Pull subscriptions are created by the consuming service's SDK (EventBusClient.subscribe)."},
            footer = {"", "Example:",
                    "  eventbus subscriptions create --service crm --type 'lead.*' --tenant $T --webhook-url https://crm.example/hooks"})
    static final class Create implements Runnable {
        @ParentCommand
        SubscriptionsCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--service", required = true, description = "service_name of the subscriber.")
        String service;

        @Option(names = "--type", required = true, description = "Event type: exact, a prefix like lead.*, or *.")
        String type;

        @Option(names = "--webhook-url", required = true, description = "Where events are POSTed.")
        String webhookUrl;

        @Option(names = "--tenant", description = "Only this tenant's events (default: every tenant).")
        UUID tenant;

        @Option(names = "--max-attempts", description = "Attempts before a delivery becomes a dead letter.")
        Integer maxAttempts;

        @Option(names = "--cloudevents", description = "Deliver as CloudEvents 1.0 (structured mode).")
        boolean cloudEvents;

        @Option(names = "--unordered", description = "Do not hold back later events of a subject behind a failing one.")
        boolean unordered;

        @Override
        public void run() {
            WebhookRegistration registration = WebhookRegistration.of(type, webhookUrl);
            registration = tenant == null ? registration : registration.forTenant(tenant);
            registration = maxAttempts == null ? registration : registration.withMaxAttempts(maxAttempts);
            registration = cloudEvents ? registration.asCloudEvents() : registration;
            WebhookRegistration chosen = unordered ? registration.unordered() : registration;
            parent.answer(spec, service, client -> client.registerWebhook(chosen));
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause a subscription: it keeps collecting events and delivers them on resume.")
    static final class Pause implements Runnable {
        @ParentCommand
        SubscriptionsCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "SUBSCRIPTION_ID")
        UUID id;

        @Override
        public void run() {
            parent.answer(spec, EventBusCli.DEFAULT_SERVICE, client -> client.pauseSubscription(id));
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused subscription.")
    static final class Resume implements Runnable {
        @ParentCommand
        SubscriptionsCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "SUBSCRIPTION_ID")
        UUID id;

        @Override
        public void run() {
            parent.answer(spec, EventBusCli.DEFAULT_SERVICE, client -> client.resumeSubscription(id));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a subscription and its pending deliveries.")
    static final class Delete implements Runnable {
        @ParentCommand
        SubscriptionsCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "SUBSCRIPTION_ID")
        UUID id;

        @Override
        public void run() {
            parent.answer(spec, EventBusCli.DEFAULT_SERVICE, client -> {
                client.deleteSubscription(id);
                return java.util.Map.of("deleted", id);
            });
        }
    }
}
