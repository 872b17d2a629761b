package io.dinplatform.api.online;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one answered request showed, for the impression log. The features are read only when the request is drawn
 * for the log, so that an unlogged request pays nothing for them.
 *
 * @param model        the registered model
 * @param version      the version that scored
 * @param arm          the alias (or split arm) that chose it; {@code default} when the request named neither a
 *                     version nor an alias, null when it named the version
 * @param scores       the scores returned, one per instance or candidate
 * @param features     the features of the i-th, as sent (a candidate's together with the ranking's context)
 * @param unknownFeatures the features of the i-th whose id the model did not know
 * @param groupFeature the schema's group feature (the user), whose value groups impressions for GAUC; may be null
 * @param latencyNanos the request's time in the platform
 */
public record ServedImpressions(String model, int version, String arm, float[] scores,
                                IntFunction<JsonNode> features, IntFunction<List<String>> unknownFeatures,
                                String groupFeature, long latencyNanos) {

    /** The arm of a request that named neither a version nor an alias. */
    public static final String DEFAULT_ARM = "default";

    private static final JsonMapper JSON = JsonMapper.shared();

    /** The arm that chose the version, from the request's selectors. */
    public static String arm(String version, String alias) {
        if (alias != null) {
            return alias;
        }
        return version == null ? DEFAULT_ARM : null;
    }

    JsonNode featuresOf(int i) {
        return features.apply(i);
    }

    String groupOf(int i) {
        if (groupFeature == null) {
            return null;
        }
        JsonNode value = features.apply(i).get(groupFeature);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** The instances of a bound request, as they were sent. */
    public static IntFunction<JsonNode> instances(List<Map<String, Object>> instances) {
        return i -> JSON.valueToTree(instances.get(i));
    }

    /** A ranked candidate's features as scored: the context's, with the candidate's own over them. */
    public static JsonNode withContext(Map<String, Object> context, Map<String, Object> candidate) {
        ObjectNode features = JSON.valueToTree(context);
        features.setAll((ObjectNode) JSON.valueToTree(candidate));
        return features;
    }

    /**
     * The instances of a predict body, read from its bytes the first time they are asked for: a request not drawn
     * for the log never parses its body a second time.
     */
    public static IntFunction<JsonNode> instances(byte[] body) {
        JsonNode[] parsed = new JsonNode[1];
        return i -> {
            if (parsed[0] == null) {
                parsed[0] = JSON.readTree(body).path("instances");
            }
            return parsed[0].get(i);
        };
    }
}
