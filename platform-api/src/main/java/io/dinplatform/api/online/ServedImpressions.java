package io.dinplatform.api.online;

import java.util.List;
import java.util.function.IntFunction;

import tools.jackson.databind.JsonNode;

/**
 * What one answered request showed, for the impression log. The features are read only when the request is drawn
 * for the log, so that an unlogged request pays nothing for them.
 *
 * @param model        the registered model
 * @param version      the version that scored
 * @param arm          the alias (or split arm) that chose it; {@code default} when the request named neither a
 *                     version nor an alias, null when it named the version
 * @param scores       the scores returned, one per instance or candidate
 * @param features     the features of each, as sent (a ranking's context apart from its candidates' own)
 * @param unknownFeatures the features of the i-th whose id the model did not know
 * @param groupFeature the schema's group feature (the user), whose value groups impressions for GAUC; may be null
 * @param latencyNanos the request's time in the platform
 */
public record ServedImpressions(String model, int version, String arm, float[] scores, LoggedFeatures features,
                                IntFunction<List<String>> unknownFeatures, String groupFeature, long latencyNanos) {

    /** The arm of a request that named neither a version nor an alias. */
    public static final String DEFAULT_ARM = "default";

    /** The arm that chose the version, from the request's selectors. */
    public static String arm(String version, String alias) {
        if (alias != null) {
            return alias;
        }
        return version == null ? DEFAULT_ARM : null;
    }

    /** The group (user) of an impression: the candidate's own value, or else its ranking context's. */
    String groupIn(JsonNode own, JsonNode context) {
        if (groupFeature == null) {
            return null;
        }
        JsonNode value = own.get(groupFeature);
        if ((value == null || value.isNull()) && context != null) {
            value = context.get(groupFeature);
        }
        return value == null || value.isNull() ? null : value.asString();
    }
}
