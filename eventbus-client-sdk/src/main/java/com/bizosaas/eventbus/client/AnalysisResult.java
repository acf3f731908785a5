package com.bizosaas.eventbus.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * The decided outcome of {@link EventBusClient#requestAnalysis}: {@code completed} with the
 * {@code ai.analysis_completed} data ({@code results}, {@code agent_results}, {@code aggregate}),
 * or {@code failed} with the {@code ai.analysis_failed} data ({@code reason}). Immutable.
 */
public record AnalysisResult(UUID requestId, String status, JsonNode outcome) {
    public boolean isCompleted() {
        return "completed".equals(status);
    }
}
