package com.bizosaas.eventbus.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class IntegrationDemoIT {

    @Test
    void bothWorkflowsRunEndToEndAgainstAnInProcessBusAndEveryStepIsObserved() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = InProcessDemo.run(new String[] {"--timeout-seconds", "60"},
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isEqualTo(IntegrationDemo.EXIT_ALL_STEPS_SEEN);
        Stream.concat(WorkflowStep.LEAD_PROCESSING_STEPS.stream(), WorkflowStep.CAMPAIGN_OPTIMIZATION_STEPS.stream())
                .forEach(step -> assertThat(output).contains("ok  " + step.label()));
        assertThat(output).contains("All 12 steps of both workflows observed.").doesNotContain("MISSING");
    }

    @Test
    void aBusThatCannotBeReachedEndsTheDemoWithTheUnusableStatus() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = IntegrationDemo.run(new String[] {"--url", "http://127.0.0.1:1", "--timeout-seconds", "5"},
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(IntegrationDemo.EXIT_BUS_UNUSABLE);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("could not be used").contains("unreachable");
    }
}
