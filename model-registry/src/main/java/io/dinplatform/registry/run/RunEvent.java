package io.dinplatform.registry.run;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A point in a run's history: progress or a metric, in the order written.
 *
 * @param id        increasing; a reader resumes after the last id it saw (the SSE Last-Event-ID)
 * @param runId     the run
 * @param type      e.g. {@code progress}, {@code metric}, {@code status}
 * @param payload   the point (JSON)
 * @param createdAt when it was written
 */
public record RunEvent(long id, UUID runId, String type, JsonNode payload, Instant createdAt) {
}
