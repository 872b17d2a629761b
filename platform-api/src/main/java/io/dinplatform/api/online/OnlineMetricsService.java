package io.dinplatform.api.online;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.dinplatform.core.metrics.Auc;
import io.dinplatform.registry.impression.ImpressionRepository;
import io.dinplatform.registry.impression.ImpressionWindow;
import io.dinplatform.registry.impression.LabelledImpression;
import io.dinplatform.registry.impression.OnlineWindow;

/**
 * Online evaluation of a model: the impression log's counts per version, arm and window, with AUC and GAUC computed
 * exactly (din-core's {@link Auc}) over each window's impressions that have feedback. A shadow version's scores are
 * rows of their own, never mixed with what was served.
 */
public class OnlineMetricsService {

    private final ImpressionRepository impressions;

    public OnlineMetricsService(ImpressionRepository impressions) {
        this.impressions = impressions;
    }

    public OnlineMetricsView metrics(String model, Instant from, Instant to, OnlineWindow window) {
        Map<Key, Ranking> rankings = new HashMap<>();
        impressions.forEachLabelled(model, from, to, window, row -> rankings
                .computeIfAbsent(new Key(row.version(), row.arm(), row.shadow(), row.windowStart()),
                        key -> new Ranking())
                .add(row));
        List<OnlineMetricsView.WindowMetrics> windows = new ArrayList<>();
        for (ImpressionWindow counts : impressions.windows(model, from, to, window)) {
            Ranking ranking = rankings.getOrDefault(new Key(counts.version(), counts.arm(), counts.shadow(),
                    counts.start()), new Ranking());
            windows.add(metrics(counts, ranking));
        }
        return new OnlineMetricsView(model, window, from, to, windows);
    }

    private static OnlineMetricsView.WindowMetrics metrics(ImpressionWindow counts, Ranking ranking) {
        double ctr = (double) counts.clicks() / counts.impressions();
        return new OnlineMetricsView.WindowMetrics(counts.version(), counts.arm(), counts.start(),
                counts.impressions(), counts.labelled(), counts.clicks(), ctr, counts.meanScore(),
                counts.clicks() == 0 ? null : counts.meanScore() / ctr, orNull(ranking.auc()),
                orNull(ranking.gauc()), new OnlineMetricsView.Latency(counts.latencyP50Micros() / 1000,
                        counts.latencyP95Micros() / 1000, counts.latencyP99Micros() / 1000), counts.shadow());
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private record Key(int version, String arm, boolean shadow, Instant windowStart) {
    }

    /** A window's labelled impressions, gathered for the AUC; groups numbered as they come. */
    private static final class Ranking {
        private final List<Float> scores = new ArrayList<>();
        private final List<Boolean> clicks = new ArrayList<>();
        private final List<Integer> groups = new ArrayList<>();
        private final Map<String, Integer> groupNumbers = new HashMap<>();

        void add(LabelledImpression row) {
            scores.add(row.score());
            clicks.add(row.clicked());
            groups.add(groupNumbers.computeIfAbsent(Objects.toString(row.groupId(), ""), g -> groupNumbers.size()));
        }

        double auc() {
            return scores.isEmpty() ? Double.NaN : Auc.global(scoreArray(), labelArray());
        }

        double gauc() {
            return scores.isEmpty() ? Double.NaN
                    : Auc.grouped(scoreArray(), labelArray(), groups.stream().mapToInt(Integer::intValue).toArray());
        }

        private float[] scoreArray() {
            float[] array = new float[scores.size()];
            for (int i = 0; i < array.length; i++) {
                array[i] = scores.get(i);
            }
            return array;
        }

        private float[] labelArray() {
            float[] array = new float[clicks.size()];
            for (int i = 0; i < array.length; i++) {
                array[i] = clicks.get(i) ? 1f : 0f;
            }
            return array;
        }
    }
}
