package io.dinplatform.registry.impression;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One scored instance or ranked candidate as serving answered it.
 *
 * @param id            the impression id the response carried ({@link ImpressionIds}: its time is {@code servedAt})
 * @param servedAt      when it was scored, to the millisecond
 * @param model         the registered model's name
 * @param version       the version that scored it
 * @param arm           the alias (or traffic-split arm) that chose the version; null when the request named it
 * @param score         the predicted click probability returned
 * @param groupId       the value of the schema's group feature (the user), for per-user AUC; null when there is none
 * @param features      the instance's features as the client sent them; for a ranked candidate, its own (the
 *                      ranking's context holds the rest)
 * @param unknownFeatures the features whose id the model did not know
 * @param latencyMicros the request's time in the platform, in microseconds
 * @param shadowOf      for a shadow version's score (logged, never returned): the id of the served impression it
 *                      shadows, whose {@code servedAt} it shares; null for what serving returned
 * @param context       for a ranked candidate: the ranking's context, shared by its candidates' impressions and
 *                      logged once; null for a predicted instance
 */
public record Impression(UUID id, Instant servedAt, String model, int version, String arm, float score,
                         String groupId, JsonNode features, List<String> unknownFeatures, int latencyMicros,
                         UUID shadowOf, ImpressionContext context) {

    public Impression {
        unknownFeatures = List.copyOf(unknownFeatures);
    }

    /** A served impression (not a shadow's score). */
    public Impression(UUID id, Instant servedAt, String model, int version, String arm, float score, String groupId,
                      JsonNode features, List<String> unknownFeatures, int latencyMicros) {
        this(id, servedAt, model, version, arm, score, groupId, features, unknownFeatures, latencyMicros, null, null);
    }

    /** A shadow version's score of {@code served}: the same impression and context, another version and score. */
    public Impression shadowedBy(UUID id, int shadowVersion, float shadowScore, int shadowLatencyMicros) {
        return new Impression(id, servedAt, model, shadowVersion, arm, shadowScore, groupId, features, List.of(),
                shadowLatencyMicros, this.id, context);
    }

    public boolean shadow() {
        return shadowOf != null;
    }
}
