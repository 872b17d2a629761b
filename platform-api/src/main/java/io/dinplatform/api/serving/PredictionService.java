package io.dinplatform.api.serving;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.IntFunction;

import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.api.online.ImpressionLog;
import io.dinplatform.api.online.ServedImpressions;
import io.dinplatform.api.serving.PredictionResponse.Prediction;
import io.dinplatform.api.serving.RankResponse.RankedCandidate;
import io.dinplatform.api.serving.batching.QueueFullException;
import io.dinplatform.api.serving.cache.ModelCache;
import io.dinplatform.api.serving.cache.ModelLease;
import io.dinplatform.api.serving.cache.ServedModel;
import io.dinplatform.api.serving.cache.ServedVersion;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.encode.InvalidInstanceException;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.serving.Ranking;
import io.dinplatform.core.serving.ScoringResult;
import io.dinplatform.core.serving.UnknownFeatures;
import tools.jackson.databind.JsonNode;

import static io.dinplatform.api.error.InvalidRequestException.invalidField;

/**
 * Online predictions: checks a request against the limits and the model's schema, resolves the model version, holds
 * it for the duration of the request, and scores through the version's batcher (predict) or the ranking path that
 * computes the user side once (rank).
 */
public class PredictionService {

    private final ResolutionCache resolver;
    private final ModelCache cache;
    private final ServingProperties properties;
    private final PredictionBodyReader bodies;
    private final RankBodyReader rankBodies;
    private final ImpressionLog impressions;

    PredictionService(ResolutionCache resolver, ModelCache cache, ServingProperties properties,
                      PredictionBodyReader bodies, RankBodyReader rankBodies, ImpressionLog impressions) {
        this.resolver = resolver;
        this.cache = cache;
        this.properties = properties;
        this.bodies = bodies;
        this.rankBodies = rankBodies;
        this.impressions = impressions;
    }

    /**
     * The instances of a request in another form than v1's JSON (the Open Inference Protocol's tensors), built once
     * the model version, and so its feature schema, is known.
     */
    @FunctionalInterface
    public interface InstanceSource {

        /**
         * @throws InvalidRequestException when the request does not fit the schema
         */
        List<Map<String, Object>> instances(FeatureSchema schema);
    }

    /** Scores every instance; {@code version} and {@code alias} select the model version (both may be null). */
    public PredictionResponse predict(String name, String version, String alias, PredictionRequest request)
            throws IOException {
        List<Map<String, Object>> instances = requireInstances(request.instances());
        return predict(name, version, alias, schema -> instances, request.explainRequested());
    }

    /**
     * Scores the instances of a predict body, {@code {"instances": [...], "explain": ...}}, parsed straight into the
     * model's encoded rows ({@link PredictionBodyReader}); the same checks, in the same order, as a bound
     * {@link PredictionRequest}.
     *
     * @throws tools.jackson.core.JacksonException when the body is not a readable predict request
     */
    public PredictionResponse predict(String name, String version, String alias, byte[] body) throws IOException {
        long started = System.nanoTime();
        ServedVersion resolved = resolver.resolve(name, version, alias);
        try (ModelLease lease = cache.acquire(resolved)) {
            ServedModel model = lease.model();
            PredictionBodyReader.Body read = bodies.read(body, model.rows(1), properties.maxInstancesPerRequest());
            if (!read.streamed()) {
                if (read.bound() == null) {
                    throw new MissingBodyException();
                }
                List<Map<String, Object>> instances = requireInstances(read.bound().instances());
                requireAttention(model, resolved, read.bound().explainRequested());
                return answer(resolved, model, encode(model, instances), read.bound().explainRequested(), started,
                        ServedImpressions.arm(version, alias), ServedImpressions.instances(instances));
            }
            requireCount("instances", read.instances(), read.firstNull(), properties.maxInstancesPerRequest(),
                    "din.serving.max-instances-per-request");
            requireAttention(model, resolved, read.explain());
            EncodedDataset rows;
            try {
                rows = read.rows().build();
            } catch (InvalidInstanceException e) {
                throw invalidField("instances[" + e.instance() + "]." + e.feature(), e.reason());
            }
            return answer(resolved, model, rows, read.explain(), started, ServedImpressions.arm(version, alias),
                    ServedImpressions.instances(body));
        }
    }

    /** A JSON null where the body's object belongs: answered as a missing body, as Spring answers a bound one. */
    public static final class MissingBodyException extends RuntimeException {

        MissingBodyException() {
            super("Required request body is missing");
        }
    }

    /**
     * Scores the instances the source builds against the resolved version's schema, under the same limits and with
     * the same batcher as a v1 predict.
     */
    public PredictionResponse predict(String name, String version, String alias, InstanceSource source,
                                      boolean explain) throws IOException {
        long started = System.nanoTime();
        ServedVersion resolved = resolver.resolve(name, version, alias);
        try (ModelLease lease = cache.acquire(resolved)) {
            ServedModel model = lease.model();
            requireAttention(model, resolved, explain);
            List<Map<String, Object>> instances = requireInstances(source.instances(model.schema()));
            return answer(resolved, model, encode(model, instances), explain, started,
                    ServedImpressions.arm(version, alias), ServedImpressions.instances(instances));
        }
    }

    /**
     * Scores the rows and answers with a prediction per row, each with its impression id (logged, features as sent,
     * when the request is drawn for the impression log).
     */
    private PredictionResponse answer(ServedVersion resolved, ServedModel model, EncodedDataset rows,
                                      boolean explain, long started, String arm, IntFunction<JsonNode> features) {
        ScoringResult result = await(model, rows, explain);
        long elapsed = System.nanoTime() - started;
        model.metrics().predictAnswered(rows.size(), elapsed);
        List<List<String>> unknown = UnknownFeatures.ofEveryRow(rows);
        List<UUID> ids = impressions.record(new ServedImpressions(resolved.model(), resolved.version(), arm,
                result.scores(), features, unknown::get, model.schema().effectiveGroup(), elapsed));
        return new PredictionResponse(resolved.model(), resolved.version(), predictions(result, unknown, ids));
    }

    private static void requireAttention(ServedModel model, ServedVersion resolved, boolean explain) {
        if (explain && model.type() != ModelType.DIN) {
            throw invalidField("explain", "model '" + resolved.model() + "' version " + resolved.version() + " is a "
                    + model.type() + " model, which pools the history without attention; explanations need a "
                    + "DIN model");
        }
    }

    private List<Map<String, Object>> requireInstances(List<Map<String, Object>> instances) {
        return requireList("instances", instances, properties.maxInstancesPerRequest(),
                "din.serving.max-instances-per-request");
    }

    /**
     * Ranks the candidates of a rank body read straight into the model's rows ({@link RankBodyReader}). A body the
     * reader does not take, and any request with something to refuse, goes the bound way instead
     * ({@link #rank(String, String, String, RankRequest)}), so that it is refused, in the same order of checks, with
     * the same words.
     *
     * @throws tools.jackson.core.JacksonException when the body is not a readable rank request
     */
    public RankResponse rank(String name, String version, String alias, byte[] body) throws IOException {
        long started = System.nanoTime();
        ServedVersion resolved;
        try {
            resolved = resolver.resolve(name, version, alias);
        } catch (RuntimeException e) {
            return rank(name, version, alias, rankBodies.bound(body)); // the body's own errors come first
        }
        try (ModelLease lease = cache.acquire(resolved)) {
            ServedModel model = lease.model();
            int limit = properties.maxCandidatesPerRequest();
            RankBodyReader.Body read = rankBodies.read(body, model.schema(), model.rows(64), limit);
            if (!read.streamed() || read.context() == null || read.candidates() <= 0 || read.candidates() > limit
                    || read.firstNull() >= 0 || read.topK() != null && read.topK() < 1) {
                return rank(name, version, alias, read.streamed() ? rankBodies.bound(body) : read.bound());
            }
            requireAttention(model, resolved, read.explain());
            EncodedDataset user;
            EncodedDataset items;
            try {
                Map<String, Object> userRow = new HashMap<>(read.context());
                userRow.putAll(read.first());
                user = model.encode(List.of(userRow));
                items = read.items().build();
            } catch (InvalidInstanceException e) {
                return rank(name, version, alias, rankBodies.bound(body)); // named as the bound path names it
            }
            Ranking ranking = model.rankEncoded(user, items, read.carryUserSide(), read.explain());
            return ranked(resolved, model, ranking, read.topK() == null ? read.candidates() : read.topK(), started,
                    ServedImpressions.arm(version, alias), ServedImpressions.rankedCandidates(body));
        }
    }

    /** Scores every candidate for the context's user and returns the best {@code topK}, the highest first. */
    public RankResponse rank(String name, String version, String alias, RankRequest request) throws IOException {
        long started = System.nanoTime();
        if (request.context() == null) {
            throw invalidField("context", "required: the user's features and histories");
        }
        List<Map<String, Object>> candidates = requireList("candidates", request.candidates(),
                properties.maxCandidatesPerRequest(), "din.serving.max-candidates-per-request");
        int topK = request.topK() == null ? candidates.size() : request.topK();
        if (topK < 1) {
            throw invalidField("topK", "must be at least 1, got " + topK);
        }
        ServedVersion resolved = resolver.resolve(name, version, alias);
        try (ModelLease lease = cache.acquire(resolved)) {
            ServedModel model = lease.model();
            requireAttention(model, resolved, request.explainRequested());
            Ranking ranking;
            try {
                ranking = model.rank(request.context(), candidates, request.explainRequested());
            } catch (InvalidInstanceException e) {
                throw rankingProblem(model, request, e);
            }
            return ranked(resolved, model, ranking, topK, started, ServedImpressions.arm(version, alias),
                    ServedImpressions.withContext(request.context(), candidates::get));
        }
    }

    /**
     * The answer to a ranking: its best {@code topK} candidates, each with its impression id (logged, the
     * candidate's features with the context's, when the request is drawn for the impression log).
     *
     * @param features a candidate's features as sent, by its position in the request
     */
    private RankResponse ranked(ServedVersion resolved, ServedModel model, Ranking ranking, int topK, long started,
                                String arm, IntFunction<JsonNode> features) {
        long elapsed = System.nanoTime() - started;
        model.metrics().rankAnswered(ranking.scores().length, elapsed);
        List<Integer> order = bestFirst(ranking, topK);
        float[] returned = new float[order.size()];
        for (int r = 0; r < returned.length; r++) {
            returned[r] = ranking.scores()[order.get(r)];
        }
        List<UUID> ids = impressions.record(new ServedImpressions(resolved.model(), resolved.version(), arm, returned,
                r -> features.apply(order.get(r)), r -> ranking.unknownFeatures().get(order.get(r)),
                model.schema().effectiveGroup(), elapsed));
        List<RankedCandidate> ranked = new ArrayList<>(returned.length);
        for (int r = 0; r < returned.length; r++) {
            int index = order.get(r);
            ranked.add(new RankedCandidate(index, returned[r], ranking.unknownFeatures().get(index),
                    ranking.attention() == null ? null : ranking.attention().get(index), ids.get(r)));
        }
        return new RankResponse(resolved.model(), resolved.version(), ranked);
    }

    private static List<Map<String, Object>> requireList(String field, List<Map<String, Object>> items, int limit,
                                                         String setting) {
        requireCount(field, items == null ? -1 : items.size(), items == null ? -1 : items.indexOf(null), limit,
                setting);
        return items;
    }

    /**
     * @param count     the items given, -1 when the field is absent or null
     * @param firstNull the position of the first null item, or -1
     */
    private static void requireCount(String field, int count, int firstNull, int limit, String setting) {
        if (count <= 0) {
            throw invalidField(field, "required: at least one");
        }
        if (count > limit) {
            throw invalidField(field, count + " given but at most " + limit + " are allowed per request (setting "
                    + setting + ")");
        }
        if (firstNull >= 0) {
            throw invalidField(field + "[" + firstNull + "]", "expected an object of feature values, got null");
        }
    }

    /** The rows the batcher scores; a bad instance is reported here, against this request alone. */
    private static EncodedDataset encode(ServedModel model, List<Map<String, Object>> instances) {
        try {
            return model.encode(instances);
        } catch (InvalidInstanceException e) {
            throw invalidField("instances[" + e.instance() + "]." + e.feature(), e.reason());
        }
    }

    private ScoringResult await(ServedModel model, EncodedDataset rows, boolean explain) {
        try {
            return model.predict(rows, explain).join();
        } catch (QueueFullException e) {
            throw new ServingOverloadedException("model '" + model.version().model() + "' version "
                    + model.version().version() + ": " + e.getMessage(), properties.retryAfter());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Names the field as the client sent it: histories belong to the context; other features to the candidate that
     * carries them, else to the context.
     */
    private static InvalidRequestException rankingProblem(ServedModel model, RankRequest request,
                                                          InvalidInstanceException e) {
        String feature = e.feature();
        boolean history = model.schema().feature(feature).map(f -> f.kind() == FeatureKind.SEQUENCE).orElse(false);
        Map<String, Object> candidate = request.candidates().get(e.instance());
        String field = !history && (candidate.containsKey(feature) || !request.context().containsKey(feature))
                ? "candidates[" + e.instance() + "]." + feature
                : "context." + feature;
        return invalidField(field, e.reason());
    }

    private static List<Prediction> predictions(ScoringResult result, List<List<String>> unknownFeatures,
                                                List<UUID> impressionIds) {
        List<Prediction> predictions = new ArrayList<>(result.scores().length);
        for (int i = 0; i < result.scores().length; i++) {
            float[] attention = result.attention() == null ? null : result.attention().get(i);
            predictions.add(new Prediction(result.scores()[i], attention, unknownFeatures.get(i),
                    impressionIds.get(i)));
        }
        return predictions;
    }

    /**
     * The positions of the top K candidates by score; equal scores keep request order. Each candidate is one long,
     * the score's bits in descending order above its position, so that one primitive sort orders them (a ranking of
     * thousands of candidates boxes nothing).
     */
    private static List<Integer> bestFirst(Ranking ranking, int topK) {
        float[] scores = ranking.scores();
        long[] keys = new long[scores.length];
        for (int i = 0; i < scores.length; i++) {
            int bits = Float.floatToIntBits(scores[i]);
            int ascending = bits ^ ((bits >> 31) & 0x7fffffff); // orders as the floats do, as signed ints
            keys[i] = ((long) ~ascending << 32) | i;
        }
        Arrays.sort(keys);
        Integer[] order = new Integer[Math.min(topK, keys.length)];
        for (int r = 0; r < order.length; r++) {
            order[r] = (int) keys[r];
        }
        return Arrays.asList(order);
    }
}
