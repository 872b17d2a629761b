package io.dinplatform.registry.impression;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * An impression as a training sample: what was served and, if reported, what the user did.
 *
 * @param version  the model version that served it
 * @param servedAt when
 * @param score           the score returned
 * @param features        the features as sent
 * @param unknownFeatures the features whose id the model did not know
 * @param clicked         the reported outcome; null when nothing was reported
 */
public record ServedRow(int version, Instant servedAt, float score, JsonNode features, List<String> unknownFeatures,
                        Boolean clicked) {
}
