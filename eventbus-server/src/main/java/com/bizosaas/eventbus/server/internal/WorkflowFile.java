package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.agents.WorkflowRule;
import com.bizosaas.eventbus.server.AgentSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the workflow rules of {@code EVENTBUS_WORKFLOWS_FILE}: {@code {"workflows": [rule, ...]}},
 * each rule as {@code POST /workflows} takes it. A rule's id is derived from its tenant and name,
 * so starting again (or another instance starting) replaces the same rules instead of adding
 * copies. Stateless.
 */
public final class WorkflowFile {
    private WorkflowFile() {
    }

    /** @throws ValidationException naming the variable, the file and the bad rule */
    public static List<WorkflowRule> read(Path file, Clock clock) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ValidationException(AgentSettings.WORKFLOWS_FILE + ": cannot read " + file + ": " + e,
                    AgentSettings.WORKFLOWS_FILE);
        }
        try {
            List<WorkflowRule> rules = new ArrayList<>();
            for (JsonFields rule : JsonFields.parse(bytes).allowOnly(List.of("workflows")).objects("workflows")) {
                rule.allowOnly(WorkflowRoutes.RULE_FIELDS);
                UUID tenant = rule.uuid("tenant_id");
                String name = rule.requiredText("name");
                UUID id = UUID.nameUUIDFromBytes(("workflow-file:" + tenant + ":" + name)
                        .getBytes(StandardCharsets.UTF_8));
                rules.add(WorkflowRoutes.parse(rule, id, tenant, clock));
            }
            return rules;
        } catch (ValidationException e) {
            throw new ValidationException(AgentSettings.WORKFLOWS_FILE + " (" + file + "): " + e.getMessage(),
                    AgentSettings.WORKFLOWS_FILE);
        }
    }
}
