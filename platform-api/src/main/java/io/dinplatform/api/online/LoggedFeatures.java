package io.dinplatform.api.online;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The features of an answered request as the client sent them, for the impression log: each instance's or
 * candidate's own and, for a ranking, the context all of its candidates share (logged once). Nothing is converted or
 * parsed until the request is drawn for the log, so an unlogged request pays nothing for them.
 *
 * @param context the ranking's context, converted or parsed at its first call; null for predicted instances
 * @param own     the i-th instance's features, or the i-th candidate's own (without the context)
 */
public record LoggedFeatures(Supplier<JsonNode> context, IntFunction<JsonNode> own) {

    private static final JsonMapper JSON = JsonMapper.shared();

    /** Whether these are a ranking's candidates, with a context of their own. */
    public boolean ranked() {
        return context != null;
    }

    /** The instances of a bound predict request. */
    public static LoggedFeatures instances(List<Map<String, Object>> instances) {
        return new LoggedFeatures(null, i -> JSON.valueToTree(instances.get(i)));
    }

    /** The instances of a predict body, read from its bytes the first time one is asked for. */
    public static LoggedFeatures instances(byte[] body) {
        Supplier<JsonNode> parsed = SingletonSupplier.of(() -> JSON.readTree(body).path("instances"));
        return new LoggedFeatures(null, i -> parsed.get().get(i));
    }

    /** A bound ranking's context and candidates. */
    public static LoggedFeatures ranking(Map<String, Object> context, IntFunction<Map<String, Object>> candidates) {
        Supplier<JsonNode> converted = SingletonSupplier.of(() -> JSON.valueToTree(context));
        return new LoggedFeatures(converted, i -> JSON.valueToTree(candidates.apply(i)));
    }

    /** A rank body's {@code context} and {@code candidates}, read from its bytes the first time either is asked for. */
    public static LoggedFeatures ranking(byte[] body) {
        Supplier<JsonNode> parsed = SingletonSupplier.of(() -> JSON.readTree(body));
        return new LoggedFeatures(() -> parsed.get().get("context"), i -> parsed.get().get("candidates").get(i));
    }
}
