package io.dinplatform.api.online;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.core.schema.FeatureSpec;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.impression.ImpressionRepository;
import io.dinplatform.registry.impression.OnlineWindow;
import io.dinplatform.registry.impression.ServedRow;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import tools.jackson.databind.JsonNode;

/**
 * Whether what a model serves still looks like what it was trained on: per version and window, the served history
 * lengths against the training data's (its statistics' histogram), and the scores and the unknown-id rate of each
 * feature against the version's first window in the period, each as a population stability index.
 */
public class DriftService {

    static final int SCORE_BINS = 10;

    private final ImpressionRepository impressions;
    private final ModelRepository models;
    private final DatasetRepository datasets;
    private final ImpressionProperties properties;

    public DriftService(ImpressionRepository impressions, ModelRepository models, DatasetRepository datasets,
                        ImpressionProperties properties) {
        this.impressions = impressions;
        this.models = models;
        this.datasets = datasets;
        this.properties = properties;
    }

    public DriftView drift(String model, Instant from, Instant to, OnlineWindow window) {
        Map<Integer, Training> training = new HashMap<>();
        Map<Integer, TreeMap<Instant, Served>> served = new TreeMap<>();
        impressions.forEachServed(model, from, to, row -> {
            Training reference = training.computeIfAbsent(row.version(), version -> training(model, version));
            served.computeIfAbsent(row.version(), version -> new TreeMap<>())
                    .computeIfAbsent(window.startOf(row.servedAt()), start -> new Served(reference))
                    .add(row, reference);
        });
        List<DriftView.WindowDrift> windows = new ArrayList<>();
        served.forEach((version, byWindow) -> {
            Served first = byWindow.firstEntry().getValue();
            byWindow.forEach((start, current) -> windows.add(drift(version, start, current,
                    current == first ? null : first, training.get(version))));
        });
        windows.sort((a, b) -> a.start().equals(b.start()) ? Integer.compare(a.version(), b.version())
                : a.start().compareTo(b.start()));
        return new DriftView(model, window, properties.driftThreshold(), windows);
    }

    private DriftView.WindowDrift drift(int version, Instant start, Served current, Served first,
                                        Training reference) {
        List<String> moved = new ArrayList<>();
        Double historyPsi = reference.historyBins() == null ? null
                : finite(PopulationStability.index(reference.historyRows(), current.historyCounts));
        flag(moved, "historyLength", historyPsi);
        Double scorePsi = first == null ? null : finite(PopulationStability.index(first.scoreCounts,
                current.scoreCounts));
        flag(moved, "score", scorePsi);
        Map<String, Double> rates = new LinkedHashMap<>();
        Map<String, Double> ratePsi = new LinkedHashMap<>();
        for (String feature : reference.idFeatures()) {
            long unknown = current.unknown.getOrDefault(feature, 0L);
            rates.put(feature, (double) unknown / current.impressions);
            if (first != null) {
                Double psi = finite(PopulationStability.index(
                        knownAndUnknown(first.impressions, first.unknown.getOrDefault(feature, 0L)),
                        knownAndUnknown(current.impressions, unknown)));
                ratePsi.put(feature, psi);
                flag(moved, feature, psi);
            }
        }
        return new DriftView.WindowDrift(version, start, current.impressions, historyPsi, scorePsi, rates, ratePsi,
                moved);
    }

    private void flag(List<String> moved, String what, Double psi) {
        if (psi != null && psi > properties.driftThreshold()) {
            moved.add(what);
        }
    }

    private static long[] knownAndUnknown(long impressions, long unknown) {
        return new long[] {impressions - unknown, unknown};
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** What the version was trained on: its id features, and its data's history-length histogram if any. */
    private Training training(String model, int version) {
        Optional<DatasetVersion> data = models.findVersion(model, version).map(ModelVersion::dataset)
                .flatMap(ref -> datasets.findById(ref.id()));
        if (data.isEmpty()) {
            return new Training(List.of(), null, null, null, null);
        }
        FeatureSchema schema = FeatureSchemaJson.fromTree(data.get().schema());
        List<String> idFeatures = schema.features().stream().filter(f -> f.kind() != FeatureKind.NUMERIC)
                .map(FeatureSpec::name).toList();
        String history = schema.features().stream().filter(f -> f.kind() == FeatureKind.SEQUENCE)
                .map(FeatureSpec::name).findFirst().orElse(null);
        JsonNode histogram = data.get().statistics().path("historyLength").path("histogram");
        if (history == null || !histogram.isArray() || histogram.isEmpty()) {
            return new Training(idFeatures, null, null, null, null);
        }
        int[][] bins = new int[histogram.size()][];
        long[] rows = new long[histogram.size() + 1]; // the last: longer than any training history, none in training
        for (int b = 0; b < bins.length; b++) {
            JsonNode bucket = histogram.get(b);
            bins[b] = new int[] {bucket.get("from").asInt(), bucket.get("to").asInt()};
            rows[b] = bucket.get("rows").asLong();
        }
        return new Training(idFeatures, history, Pattern.quote(schema.effectiveSequenceDelimiter()), bins, rows);
    }

    /**
     * @param idFeatures  the categorical and sequence features, whose ids may be unknown
     * @param history     the sequence feature whose length is the history's
     * @param delimiter   the regular expression of its delimiter, for a history sent as one joined string
     * @param historyBins the training histogram's buckets [from, to]; null without one
     * @param historyRows the training rows per bucket, and none in a last one for histories longer than any there
     */
    private record Training(List<String> idFeatures, String history, String delimiter, int[][] historyBins,
                            long[] historyRows) {

        int historyBin(JsonNode features) {
            JsonNode value = features.get(history);
            int length = value == null ? 0 : value.isArray() ? value.size()
                    : value.asString().isEmpty() ? 0 : value.asString().split(delimiter, -1).length;
            for (int b = 0; b < historyBins.length; b++) {
                if (length <= historyBins[b][1]) {
                    return b;
                }
            }
            return historyBins.length;
        }
    }

    /** One version's impressions in one window, counted into the bins. */
    private static final class Served {
        private long impressions;
        private final long[] historyCounts;
        private final long[] scoreCounts = new long[SCORE_BINS];
        private final Map<String, Long> unknown = new HashMap<>();

        Served(Training reference) {
            historyCounts = reference.historyBins() == null ? null : new long[reference.historyBins().length + 1];
        }

        void add(ServedRow row, Training reference) {
            impressions++;
            if (historyCounts != null) {
                historyCounts[reference.historyBin(row.features())]++;
            }
            scoreCounts[Math.min(SCORE_BINS - 1, Math.max(0, (int) (row.score() * SCORE_BINS)))]++;
            row.unknownFeatures().forEach(feature -> unknown.merge(feature, 1L, Long::sum));
        }
    }
}
