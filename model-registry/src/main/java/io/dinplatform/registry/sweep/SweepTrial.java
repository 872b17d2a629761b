package io.dinplatform.registry.sweep;

import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One trial of a sweep: a training run with the parameters the search chose for it.
 *
 * @param trial      its number in the sweep, from 1
 * @param runId      the training run
 * @param parameters the chosen values by field path (e.g. {@code training.optimizer.learningRate})
 * @param pruned     whether the early-stopping rule cancelled it
 */
public record SweepTrial(int trial, UUID runId, JsonNode parameters, boolean pruned) {
}
