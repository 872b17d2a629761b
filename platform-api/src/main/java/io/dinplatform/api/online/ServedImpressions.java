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

    /** The group (user) of an impression, from its features. */
    String groupIn(JsonNode features) {
        if (groupFeature == null) {
            return null;
        }
        JsonNode value = features.get(groupFeature);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** The instances of a bound request, as they were sent. */
    public static IntFunction<JsonNode> instances(List<Map<String, Object>> instances) {
        return i -> JSON.valueToTree(instances.get(i));
    }

    /**
     * Ranked candidates' features as scored: the context's, with the candidate's own over them. The context is
     * converted once, the first time a candidate is asked for, and its values (the histories among them) are shared
     * by every candidate's node rather than copied: the nodes are only ever written out, never changed.
     */
    public static IntFunction<JsonNode> withContext(Map<String, Object> context,
                                                   IntFunction<Map<String, Object>> candidates) {
        ObjectNode[] converted = new ObjectNode[1];
        return i -> {
            if (converted[0] == null) {
                converted[0] = JSON.valueToTree(context);
            }
            ObjectNode features = JSON.createObjectNode();
            features.setAll(converted[0]);
            features.setAll((ObjectNode) JSON.valueToTree(candidates.apply(i)));
            return features;
        };
    }

    /**
     * Ranked candidates' features from a rank body's bytes ({@code context} and {@code candidates}), as
     * {@link #withContext} gives them, the body read again the first time one is asked for: a request not drawn for
     * the log never parses its body a second time.
     */
    public static IntFunction<JsonNode> rankedCandidates(byte[] body) {
        JsonNode[] parsed = new JsonNode[1];
        return i -> {
            if (parsed[0] == null) {
                parsed[0] = JSON.readTree(body);
            }
            ObjectNode features = JSON.createObjectNode();
            features.setAll((ObjectNode) parsed[0].get("context"));
            features.setAll((ObjectNode) parsed[0].get("candidates").get(i));
            return features;
        };
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
