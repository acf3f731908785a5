package com.bizosaas.eventbus.examples;

import static com.bizosaas.eventbus.examples.WorkflowEvents.ANALYTICS;
import static com.bizosaas.eventbus.examples.WorkflowEvents.ANALYTICS_RESULTS_TRACKED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CAMPAIGN_OPTIMIZED;

import com.bizosaas.eventbus.client.EventBusClient;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.client.PublishRequest;
import com.bizosaas.eventbus.client.ReceivedEvent;
import java.util.List;
import java.util.Map;

/**
 * Analytics: starts tracking the results of every campaign change
 * ({@code analytics.results_tracked}, the last step of campaign optimization).
 */
public final class AnalyticsService extends ExampleService {

    public AnalyticsService(EventBusClient bus) {
        super(bus);
    }

    @Override
    AnalyticsService start() {
        on(CAMPAIGN_OPTIMIZED, this::trackResults);
        return this;
    }

    private void trackResults(ReceivedEvent received) {
        Event optimized = received.event();
        bus.publish(PublishRequest.causedBy(ANALYTICS_RESULTS_TRACKED, optimized)
                .subject(optimized.subject())
                .data(Map.of("change_event_id", optimized.id().toString(), "baseline_window_days", 7,
                        "metrics", List.of("click_through_rate", "cost_per_lead", "conversions")))
                .build());
    }

    public static void main(String[] args) {
        ServiceMain.run(args, ANALYTICS, AnalyticsService::new);
    }
}
