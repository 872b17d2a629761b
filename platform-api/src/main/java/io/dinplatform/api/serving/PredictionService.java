package io.dinplatform.api.serving;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.api.online.ImpressionLog;
import io.dinplatform.api.online.LoggedFeatures;
import io.dinplatform.api.online.RecordedImpressions;
import io.dinplatform.api.online.ServedImpressions;
import io.dinplatform.api.serving.PredictionResponse.Prediction;
import io.dinplatform.api.serving.RankResponse.RankedCandidate;
import io.dinplatform.api.serving.batching.QueueFullException;
import io.dinplatform.api.serving.cache.ModelCache;
import io.dinplatform.api.serving.cache.ModelLease;
import io.dinplatform.api.serving.cache.ServedModel;
import io.dinplatform.api.serving.cache.ServedVersion;
import io.dinplatform.api.serving.split.ServedRoute;
import io.dinplatform.api.serving.split.ShadowScorer;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.encode.InvalidInstanceException;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.serving.Ranking;
import io.dinplatform.core.serving.ScoringResult;
import io.dinplatform.core.serving.UnknownFeatures;
import tools.jackson.databind.json.JsonMapper;

import static io.dinplatform.api.error.InvalidRequestException.invalidField;

/**
 * Online predictions: checks a request against the limits and the model's schema, resolves the model version, holds
 * it for the duration of the request, and scores through the version's batcher (predict) or the ranking path that
 * computes the user side once (rank).
 *
 * <p>Where the selector is an alias split over weighted versions ({@link ServedRoute}), each predict instance goes to
 * the arm its group id (the schema's group feature, the user) hashes to, each arm's instances through that version's
 * batcher, and each prediction names its version; a rank request goes to its user's arm as a whole. Where the alias
 * has a shadow version, the answered request is offered to the {@link ShadowScorer} once it is logged.
 */
public class PredictionService {

    private final ResolutionCache resolver;
    private final ModelCache cache;
    private final ServingProperties properties;
    private final PredictionBodyReader bodies;
    private final RankBodyReader rankBodies;
    private final JsonMapper json;
    private final ImpressionLog impressions;
    private final ShadowScorer shadows;

    PredictionService(ResolutionCache resolver, ModelCache cache, ServingProperties properties, JsonMapper json,
                      ImpressionLog impressions, ShadowScorer shadows) {
        this.resolver = resolver;
        this.cache = cache;
        this.properties = properties;
        this.bodies = new PredictionBodyReader(json);
        this.rankBodies = new RankBodyReader(json);
        this.json = json;
        this.impressions = impressions;
        this.shadows = shadows;
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
        ServedRoute route = resolver.route(name, version, alias);
        String arm = ServedImpressions.arm(version, alias);
        if (route.split()) {
            PredictionRequest request = json.readValue(body, PredictionRequest.class);
            if (request == null) {
                throw new MissingBodyException();
            }
            return predictSplit(route, requireInstances(request.instances()), request.explainRequested(), started,
                    arm);
        }
        ServedVersion resolved = route.primary();
        try (ModelLease lease = cache.acquire(resolved)) {
            ServedModel model = lease.model();
            PredictionBodyReader.Body read = bodies.read(body, model.rows(1), properties.maxInstancesPerRequest());
            if (!read.streamed()) {
                if (read.bound() == null) {
                    throw new MissingBodyException();
                }
                List<Map<String, Object>> instances = requireInstances(read.bound().instances());
                requireAttention(model, resolved, read.bound().explainRequested());
                return answer(route, model, encode(model, instances), read.bound().explainRequested(), started,
                        arm, LoggedFeatures.instances(instances), shadowOf(instances));
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
            return answer(route, model, rows, read.explain(), started, arm, LoggedFeatures.instances(body),
                    shadowOf(body));
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
        ServedRoute route = resolver.route(name, version, alias);
        String arm = ServedImpressions.arm(version, alias);
        ServedVersion resolved = route.primary();
        List<Map<String, Object>> instances;
        try (ModelLease lease = cache.acquire(resolved)) {
            ServedModel model = lease.model();
            if (!route.split()) {
                requireAttention(model, resolved, explain);
            }
            instances = requireInstances(source.instances(model.schema()));
            if (!route.split()) {
                return answer(route, model, encode(model, instances), explain, started, arm,
                        LoggedFeatures.instances(instances), shadowOf(instances));
            }
        }
        return predictSplit(route, instances, explain, started, arm);
    }

    /**
     * Scores the rows and answers with a prediction per row, each with its impression id (logged, features as sent,
     * when the request is drawn for the impression log) and its version.
     */
    private PredictionResponse answer(ServedRoute route, ServedModel model, EncodedDataset rows, boolean explain,
                                      long started, String arm, LoggedFeatures features,
                                      ShadowScorer.Scoring shadow) {
        ScoringResult result = await(model, submit(model, rows, explain));
        long elapsed = System.nanoTime() - started;
        model.metrics().predictAnswered(rows.size(), elapsed);
        List<List<String>> unknown = UnknownFeatures.ofEveryRow(rows);
        ServedVersion served = model.version();
        RecordedImpressions recorded = impressions.record(new ServedImpressions(served.model(), served.version(), arm,
                result.scores(), features, unknown::get, model.schema().effectiveGroup(), elapsed));
        shadows.offer(route.shadow(), recorded.logged(), shadow);
        List<Prediction> predictions = new ArrayList<>(result.scores().length);
        for (int i = 0; i < result.scores().length; i++) {
            predictions.add(prediction(result, i, unknown, recorded.ids(), served.version()));
        }
        return new PredictionResponse(served.model(), served.version(), predictions);
    }

    /**
     * Scores a request whose alias is split: every instance goes to the arm of its group id, every arm's instances
     * through its version's batcher (all arms submitted before any is awaited), and the predictions come back in
     * request order, each naming its version. The response's version is the first instance's.
     */
    private PredictionResponse predictSplit(ServedRoute route, List<Map<String, Object>> instances, boolean explain,
                                            long started, String arm) throws IOException {
        Map<ServedVersion, ModelLease> leases = new LinkedHashMap<>();
        try {
            String group = lease(leases, route.primary()).model().schema().effectiveGroup();
            Map<ServedVersion, List<Integer>> positions = new LinkedHashMap<>();
            for (int i = 0; i < instances.size(); i++) {
                positions.computeIfAbsent(route.assign(groupId(instances.get(i), group)), v -> new ArrayList<>())
                        .add(i);
            }
            List<ArmBatch> batches = new ArrayList<>();
            for (Map.Entry<ServedVersion, List<Integer>> entry : positions.entrySet()) {
                ServedModel model = lease(leases, entry.getKey()).model();
                requireAttention(model, entry.getKey(), explain);
                List<Map<String, Object>> own = entry.getValue().stream().map(instances::get).toList();
                EncodedDataset rows = encode(model, own, entry.getValue());
                batches.add(new ArmBatch(model, entry.getValue(), own, rows, submit(model, rows, explain)));
            }
            Prediction[] predictions = new Prediction[instances.size()];
            for (ArmBatch batch : batches) {
                ScoringResult result = await(batch.model(), batch.scoring());
                long elapsed = System.nanoTime() - started;
                batch.model().metrics().predictAnswered(batch.rows().size(), elapsed);
                List<List<String>> unknown = UnknownFeatures.ofEveryRow(batch.rows());
                ServedVersion served = batch.model().version();
                RecordedImpressions recorded = impressions.record(new ServedImpressions(served.model(),
                        served.version(), arm, result.scores(), LoggedFeatures.instances(batch.instances()),
                        unknown::get, batch.model().schema().effectiveGroup(), elapsed));
                shadows.offer(route.shadow(), recorded.logged(), shadowOf(batch.instances()));
                for (int k = 0; k < batch.positions().size(); k++) {
                    predictions[batch.positions().get(k)] = prediction(result, k, unknown, recorded.ids(),
                            served.version());
                }
            }
            return new PredictionResponse(route.primary().model(), predictions[0].version(), List.of(predictions));
        } finally {
            leases.values().forEach(ModelLease::close);
        }
    }

    /** One arm's share of a split request, submitted to its batcher. */
    private record ArmBatch(ServedModel model, List<Integer> positions, List<Map<String, Object>> instances,
                            EncodedDataset rows, CompletableFuture<ScoringResult> scoring) {
    }

    private ModelLease lease(Map<ServedVersion, ModelLease> leases, ServedVersion version) throws IOException {
        ModelLease lease = leases.get(version);
        if (lease == null) {
            lease = cache.acquire(version);
            leases.put(version, lease);
        }
        return lease;
    }

    /** The instance's value of the group feature, as the impression log stores it; null when it has none. */
    private static String groupId(Map<String, ?> instance, String groupFeature) {
        Object value = groupFeature == null ? null : instance.get(groupFeature);
        return value == null ? null : value.toString();
    }

    /** A shadow's scores of a predict body's instances, parsed and encoded on the shadow's thread. */
    private ShadowScorer.Scoring shadowOf(byte[] body) {
        return shadow -> {
            PredictionBodyReader.Body read = bodies.read(body, shadow.rows(1), properties.maxInstancesPerRequest());
            EncodedDataset rows = read.streamed() ? read.rows().build() : shadow.encode(read.bound().instances());
            return shadow.predict(rows, false).join().scores();
        };
    }

    /** A shadow's scores of bound instances, encoded on the shadow's thread. */
    private static ShadowScorer.Scoring shadowOf(List<Map<String, Object>> instances) {
        return shadow -> shadow.predict(shadow.encode(instances), false).join().scores();
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
        ServedRoute route;
        try {
            route = resolver.route(name, version, alias);
        } catch (RuntimeException e) {
            return rank(name, version, alias, rankBodies.bound(body)); // the body's own errors come first
        }
        if (route.split() || route.shadow() != null) {
            return rank(name, version, alias, rankBodies.bound(body)); // the arm and the shadow need the maps
        }
        ServedVersion resolved = route.primary();
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
            return ranked(route, resolved, model, ranking, read.topK() == null ? read.candidates() : read.topK(),
                    started, ServedImpressions.arm(version, alias), LoggedFeatures.ranking(body), null);
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
        ServedRoute route = resolver.route(name, version, alias);
        ServedVersion resolved = route.split() ? userArm(route, request.context()) : route.primary();
        try (ModelLease lease = cache.acquire(resolved)) {
            ServedModel model = lease.model();
            requireAttention(model, resolved, request.explainRequested());
            Ranking ranking;
            try {
                ranking = model.rank(request.context(), candidates, request.explainRequested());
            } catch (InvalidInstanceException e) {
                throw rankingProblem(model, request, e);
            }
            return ranked(route, resolved, model, ranking, topK, started, ServedImpressions.arm(version, alias),
                    LoggedFeatures.ranking(request.context(), candidates::get),
                    shadow -> shadow.rank(request.context(), candidates, false).scores());
        }
    }

    /** A split alias's arm for a rank request: its user's (one user, one arm). */
    private ServedVersion userArm(ServedRoute route, Map<String, Object> context) throws IOException {
        try (ModelLease primary = cache.acquire(route.primary())) {
            return route.assign(groupId(context, primary.model().schema().effectiveGroup()));
        }
    }

    /**
     * The answer to a ranking: its best {@code topK} candidates, each with its impression id (logged, the
     * candidate's features with the context's, when the request is drawn for the impression log), and the logged
     * candidates offered to the route's shadow version, if any.
     *
     * @param features a candidate's features as sent, by its position in the request
     * @param shadowed a shadow version's scores of every candidate, in request order (run off the request path)
     */
    private RankResponse ranked(ServedRoute route, ServedVersion resolved, ServedModel model, Ranking ranking,
                                int topK, long started, String arm, LoggedFeatures features,
                                ShadowScorer.Scoring shadowed) {
        long elapsed = System.nanoTime() - started;
        model.metrics().rankAnswered(ranking.scores().length, elapsed);
        List<Integer> order = bestFirst(ranking, topK);
        float[] returned = new float[order.size()];
        for (int r = 0; r < returned.length; r++) {
            returned[r] = ranking.scores()[order.get(r)];
        }
        RecordedImpressions recorded = impressions.record(new ServedImpressions(resolved.model(), resolved.version(),
                arm, returned, new LoggedFeatures(features.context(), r -> features.own().apply(order.get(r))),
                r -> ranking.unknownFeatures().get(order.get(r)),
                model.schema().effectiveGroup(), elapsed));
        shadows.offer(route.shadow(), recorded.logged(), shadow -> {
            float[] all = shadowed.scores(shadow);
            float[] shown = new float[order.size()];
            for (int r = 0; r < shown.length; r++) {
                shown[r] = all[order.get(r)];
            }
            return shown;
        });
        List<UUID> ids = recorded.ids();
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
        return encode(model, instances, null);
    }

    /** @param positions where each instance is in the request, null when they are the request's instances */
    private static EncodedDataset encode(ServedModel model, List<Map<String, Object>> instances,
                                         List<Integer> positions) {
        try {
            return model.encode(instances);
        } catch (InvalidInstanceException e) {
            int position = positions == null ? e.instance() : positions.get(e.instance());
            throw invalidField("instances[" + position + "]." + e.feature(), e.reason());
        }
    }

    private CompletableFuture<ScoringResult> submit(ServedModel model, EncodedDataset rows, boolean explain) {
        try {
            return model.predict(rows, explain);
        } catch (QueueFullException e) {
            throw overloaded(model, e);
        }
    }

    private ScoringResult await(ServedModel model, CompletableFuture<ScoringResult> scoring) {
        try {
            return scoring.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof QueueFullException full) {
                throw overloaded(model, full);
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } catch (QueueFullException e) {
            throw overloaded(model, e);
        }
    }

    private ServingOverloadedException overloaded(ServedModel model, QueueFullException e) {
        return new ServingOverloadedException("model '" + model.version().model() + "' version "
                + model.version().version() + ": " + e.getMessage(), properties.retryAfter());
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

    private static Prediction prediction(ScoringResult result, int i, List<List<String>> unknownFeatures,
                                         List<UUID> impressionIds, int version) {
        float[] attention = result.attention() == null ? null : result.attention().get(i);
        return new Prediction(result.scores()[i], attention, unknownFeatures.get(i), impressionIds.get(i), version);
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
