package com.bizosaas.eventbus.cli;

import com.bizosaas.eventbus.client.EventBusClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code health}: the bus's health; exit status 1 when it answers unhealthy (503) or cannot be reached. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Print the bus's health (status and one component per dependency); exit 1 if unhealthy.")
final class HealthCommand implements Runnable {
    @ParentCommand
    EventBusCli root;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        try (EventBusClient client = root.client(EventBusCli.DEFAULT_SERVICE)) {
            JsonOutput.print(spec, client.health());
        }
    }
}
