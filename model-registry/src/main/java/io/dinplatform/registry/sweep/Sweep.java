package io.dinplatform.registry.sweep;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A hyperparameter sweep as the catalog records it.
 *
 * @param id         the sweep's id
 * @param modelName  the model its trials register versions of
 * @param status     where it stands
 * @param definition what it searches and how (the request as accepted, every default filled in)
 * @param bestRunId  the trial run with the best objective, once the sweep has ended with one
 * @param error      why it failed, when it did
 * @param createdAt  when it was created
 * @param finishedAt when it reached a final state
 */
public record Sweep(UUID id, String modelName, SweepStatus status, JsonNode definition, UUID bestRunId,
                    String error, Instant createdAt, Instant finishedAt) {
}
