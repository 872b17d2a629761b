package io.dinplatform.api.sweep;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A trial that has ended with a value of the objective: what the search learns from.
 *
 * @param parameters the values it was run with, by field path
 * @param objective  its best validation value of the objective metric
 */
record Observation(Map<String, JsonNode> parameters, double objective) {
}
