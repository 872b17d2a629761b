package io.dinplatform.registry.impression;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * An impression as a training sample: what was served and, if reported, what the user did.
 *
 * @param version  the model version that served it
 * @param servedAt when
 * @param features the features as sent
 * @param clicked  the reported outcome; null when nothing was reported
 */
public record ServedRow(int version, Instant servedAt, JsonNode features, Boolean clicked) {
}
