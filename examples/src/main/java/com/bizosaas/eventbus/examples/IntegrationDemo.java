package com.bizosaas.eventbus.examples;

import com.bizosaas.eventbus.client.EventBusClient;
import com.bizosaas.eventbus.client.EventBusClientConfig;
import com.bizosaas.eventbus.client.EventBusClientException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs the seed's "Lead Processing" and "Campaign Optimization" workflows end to end: the CRM,
 * AI agents, campaign and analytics services each talk to the bus only through the SDK, and the
 * demo prints every workflow step as it appears in the tenant's history.
 *
 * <p>Arguments: {@code --url http://host:port}, the bus to use (default {@value #DEFAULT_URL}; the
 * demo profile's {@code InProcessDemo}, in test scope, starts one in-process when no URL is given,
 * so the examples themselves need only the SDK), {@code --timeout-seconds n} (default 30).
 * Exits 0 only when every step of both workflows was observed, 1 when some were not (naming
 * them), 2 when the bus could not be used.
 */
public final class IntegrationDemo {
    static final int EXIT_ALL_STEPS_SEEN = 0;
    static final int EXIT_STEPS_MISSING = 1;
    static final int EXIT_BUS_UNUSABLE = 2;
    static final String DEFAULT_URL = "http://localhost:8003";

    private IntegrationDemo() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) throws InterruptedException {
        CommandLine commandLine = new CommandLine(args);
        Duration timeout = Duration.ofSeconds(Long.parseLong(commandLine.value("timeout-seconds", "30")));
        String url = commandLine.value("url", DEFAULT_URL);
        try {
            out.println("Event bus: " + url);
            return runWorkflows(url, timeout, out);
        } catch (EventBusClientException e) {
            out.println("The event bus could not be used: " + e.getMessage() + " [" + e.code() + "]");
            return EXIT_BUS_UNUSABLE;
        }
    }

    private static int runWorkflows(String url, Duration timeout, PrintStream out) throws InterruptedException {
        List<EventBusClient> clients = new ArrayList<>();
        List<ExampleService> services = new ArrayList<>();
        Function<String, EventBusClient> connect = name -> {
            EventBusClient client = EventBusClient.create(EventBusClientConfig.builder(url, name).build());
            clients.add(client);
            return client;
        };
        try {
            CrmService crm = new CrmService(connect.apply(WorkflowEvents.CRM)).start();
            CampaignService campaigns = new CampaignService(connect.apply(WorkflowEvents.CAMPAIGNS)).start();
            services.add(crm);
            services.add(campaigns);
            services.add(new AiAgentsService(connect.apply(WorkflowEvents.AI_AGENTS)).start());
            services.add(new AnalyticsService(connect.apply(WorkflowEvents.ANALYTICS)).start());

            UUID tenant = UUID.randomUUID();
            out.println("Tenant " + tenant + ": creating a lead and launching a campaign");
            WorkflowObserver observer = new WorkflowObserver(connect.apply("integration-demo"), tenant, out);
            observer.expect(crm.createLead(tenant, Map.of("email", "jane.doe@acme.example", "company", "Acme Corp",
                    "title", "VP Marketing")), WorkflowStep.LEAD_PROCESSING_STEPS);
            observer.expect(campaigns.launchCampaign(tenant, "Spring launch", 250.0),
                    WorkflowStep.CAMPAIGN_OPTIMIZATION_STEPS);

            List<WorkflowStep> missing = observer.awaitAll(timeout);
            if (missing.isEmpty()) {
                out.println("All " + (WorkflowStep.LEAD_PROCESSING_STEPS.size()
                        + WorkflowStep.CAMPAIGN_OPTIMIZATION_STEPS.size()) + " steps of both workflows observed.");
                return EXIT_ALL_STEPS_SEEN;
            }
            missing.forEach(step -> out.println("  MISSING " + step.label() + " (" + step.eventType() + " by "
                    + step.sourceService() + ")"));
            out.println(missing.size() + " step(s) not observed within " + timeout.toSeconds() + " s.");
            return EXIT_STEPS_MISSING;
        } finally {
            services.forEach(ExampleService::close);
            clients.forEach(EventBusClient::close);
        }
    }
}
