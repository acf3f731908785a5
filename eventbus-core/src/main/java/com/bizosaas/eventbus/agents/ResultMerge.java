package com.bizosaas.eventbus.agents;

import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a request's outcome data from its tasks: the request's own fields (so a workflow rule
 * can map {@code lead_id} onward), each agent's result, and for the fields every result gives as
 * a number (a lead score, a confidence) the mean, min, max and spread. {@code results} holds the
 * merged result in the seed's shape: the means for numeric fields, the first result's value for
 * the others. Stateless.
 */
final class ResultMerge {
    /** Request fields that steer the coordinator, not part of the analysis. */
    static final Set<String> CONTROL_FIELDS = Set.of("agents", "policy", "quorum", "deadline_ms", "max_attempts");

    private ResultMerge() {
    }

    static ObjectNode completed(AnalysisRequest request, List<AgentTask> tasks) {
        ObjectNode outcome = base(request);
        List<AgentTask> done = tasks.stream().filter(t -> t.status() == TaskStatus.COMPLETED).toList();
        outcome.set("agent_results", agentResults(done));
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        ObjectNode aggregate = outcome.putObject("aggregate");
        aggregate.put("agents", done.size());
        for (AgentTask task : done) {
            task.result().fields().forEachRemaining(f -> {
                if (!merged.has(f.getKey())) {
                    merged.set(f.getKey(), f.getValue());
                }
            });
        }
        for (String field : numericInAll(done)) {
            double[] values = done.stream().mapToDouble(t -> t.result().get(field).asDouble()).toArray();
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double mean = sum / values.length;
            merged.put(field, mean);
            ObjectNode stats = aggregate.putObject(field);
            stats.put("mean", mean).put("min", min).put("max", max).put("spread", max - min);
        }
        outcome.set("results", merged);
        return outcome;
    }

    static ObjectNode failed(AnalysisRequest request, List<AgentTask> tasks, String reason) {
        ObjectNode outcome = base(request);
        outcome.put("reason", reason);
        outcome.set("agent_results", agentResults(tasks.stream().filter(t -> t.status() == TaskStatus.COMPLETED)
                .toList()));
        ArrayNode errors = outcome.putArray("errors");
        tasks.stream().filter(t -> t.error() != null).forEach(t -> errors.addObject()
                .put("task_id", t.id().toString()).put("error", t.error()));
        return outcome;
    }

    private static ObjectNode base(AnalysisRequest request) {
        ObjectNode outcome = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = request.input().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!CONTROL_FIELDS.contains(f.getKey())) {
                outcome.set(f.getKey(), f.getValue());
            }
        }
        outcome.put("analysis_type", request.analysisType());
        outcome.put("request_id", request.id().toString());
        outcome.set("policy", WireJson.toTree(request.policy()));
        return outcome;
    }

    private static ArrayNode agentResults(List<AgentTask> done) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (AgentTask t : done) {
            ObjectNode entry = list.addObject();
            entry.put("task_id", t.id().toString());
            entry.put("agent_id", t.agentId().toString());
            if (t.serviceName() != null) {
                entry.put("service_name", t.serviceName());
            }
            entry.set("results", t.result());
        }
        return list;
    }

    private static List<String> numericInAll(List<AgentTask> done) {
        List<String> fields = new ArrayList<>();
        if (done.isEmpty()) {
            return fields;
        }
        done.get(0).result().fieldNames().forEachRemaining(name -> {
            if (done.stream().allMatch(t -> t.result().path(name).isNumber())) {
                fields.add(name);
            }
        });
        return fields;
    }
}
