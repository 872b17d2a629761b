package io.dinplatform.api.online;

import java.text.NumberFormat;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

import io.dinplatform.api.online.OnlineComparisonView.Outcome;
import io.dinplatform.core.metrics.Auc;
import io.dinplatform.core.metrics.GroupBootstrap;
import io.dinplatform.core.metrics.Proportions;
import io.dinplatform.registry.impression.ComparedImpression;
import io.dinplatform.registry.impression.ImpressionRepository;

/**
 * Compares two arms of a model's traffic over a period: each arm's CTR with its Wilson interval, and AUC and GAUC
 * with bootstrap intervals that resample users; the two-proportion z-test on the CTRs; and a verdict, with, while
 * the difference is not significant, about how many more impressions it needs to become so at 5 % with 80 % power
 * (at the arms' current shares of the traffic).
 */
public class OnlineComparisonService {

    /** Below this p-value the CTR difference is taken as real. */
    static final double SIGNIFICANCE = 0.05;

    private final ImpressionRepository impressions;
    private final OnlineComparisonProperties properties;

    public OnlineComparisonService(ImpressionRepository impressions, OnlineComparisonProperties properties) {
        this.impressions = impressions;
        this.properties = properties;
    }

    public OnlineComparisonView compare(String model, ComparedArm a, ComparedArm b, Instant from, Instant to) {
        OnlineComparisonView.Arm first = arm(model, a, from, to);
        OnlineComparisonView.Arm second = arm(model, b, from, to);
        OnlineComparisonView.CtrDifference difference = null;
        OnlineComparisonView.Verdict verdict;
        if (first.ctr() == null || second.ctr() == null) {
            verdict = new OnlineComparisonView.Verdict(Outcome.NOT_COMPARABLE, notComparable(first, second), null);
        } else {
            Proportions.Difference test = Proportions.difference(first.clicks(), first.impressions(),
                    second.clicks(), second.impressions());
            difference = new OnlineComparisonView.CtrDifference(test.difference(), test.interval(), test.z(),
                    test.pValue());
            verdict = verdict(first, second, test);
        }
        return new OnlineComparisonView(model, from, to, first, second, difference, verdict,
                new OnlineComparisonView.Bootstrap(properties.bootstrapResamples(), properties.bootstrapSeed()));
    }

    private OnlineComparisonView.Arm arm(String model, ComparedArm arm, Instant from, Instant to) {
        Gathered gathered = new Gathered();
        impressions.forEachOfVersion(model, arm.version(), arm.alias(), arm.shadow(), from, to, gathered::add);
        float[] scores = gathered.scores();
        float[] labels = gathered.labels();
        int[] groups = gathered.groups();
        boolean ranked = scores.length > 0;
        double auc = ranked ? Auc.global(scores, labels) : Double.NaN;
        double gauc = ranked ? Auc.grouped(scores, labels, groups) : Double.NaN;
        GroupBootstrap.Intervals intervals = ranked ? GroupBootstrap.intervals(scores, labels, groups,
                properties.bootstrapResamples(), properties.bootstrapSeed()) : new GroupBootstrap.Intervals(null, null);
        boolean hasCtr = !arm.shadow() && gathered.impressions > 0;
        return new OnlineComparisonView.Arm(arm.label(), arm.version(), arm.shadow(), gathered.impressions,
                scores.length, gathered.clicks, gathered.groupNumbers.size(),
                hasCtr ? (double) gathered.clicks / gathered.impressions : null,
                hasCtr ? Proportions.wilson(gathered.clicks, gathered.impressions) : null,
                orNull(auc), Double.isNaN(auc) ? null : intervals.auc(),
                orNull(gauc), Double.isNaN(gauc) ? null : intervals.gauc());
    }

    private static OnlineComparisonView.Verdict verdict(OnlineComparisonView.Arm a, OnlineComparisonView.Arm b,
                                                        Proportions.Difference test) {
        if (test.pValue() < SIGNIFICANCE) {
            boolean better = test.difference() > 0;
            return new OnlineComparisonView.Verdict(better ? Outcome.BETTER : Outcome.WORSE,
                    b.arm() + (better ? " better" : " worse") + " than " + a.arm() + ": CTR " + percent(b.ctr())
                            + " against " + percent(a.ctr()) + " (p = " + String.format(Locale.ROOT, "%.3g",
                            test.pValue()) + ")", null);
        }
        long total = a.impressions() + b.impressions();
        OptionalLong needed = Proportions.trialsNeeded(a.ctr(), b.ctr(), (double) a.impressions() / total);
        if (needed.isEmpty()) {
            return new OnlineComparisonView.Verdict(Outcome.NO_DIFFERENCE_YET,
                    "no difference yet: both arms have the same CTR so far", null);
        }
        long more = Math.max(0, needed.getAsLong() - total);
        String text = more == 0
                ? "no difference: not significant, though the arms have the impressions to show this difference"
                : "no difference yet: about " + NumberFormat.getIntegerInstance(Locale.ROOT).format(more)
                        + " more impressions needed";
        return new OnlineComparisonView.Verdict(Outcome.NO_DIFFERENCE_YET, text, more);
    }

    private static String notComparable(OnlineComparisonView.Arm a, OnlineComparisonView.Arm b) {
        for (OnlineComparisonView.Arm arm : new OnlineComparisonView.Arm[] {a, b}) {
            if (arm.shadow()) {
                return "no CTR to compare: " + arm.arm() + " is a shadow, its scores were never shown (compare AUC "
                        + "and GAUC)";
            }
        }
        OnlineComparisonView.Arm empty = a.impressions() == 0 ? a : b;
        return "no CTR to compare: " + empty.arm() + " has no impressions in the period";
    }

    private static String percent(double ctr) {
        return String.format(Locale.ROOT, "%.2f %%", ctr * 100);
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    /** An arm's impressions: all of them counted, the labelled ones kept for AUC, users numbered as they come. */
    private static final class Gathered {
        private long impressions;
        private long clicks;
        private final Map<String, Integer> groupNumbers = new HashMap<>();
        private float[] scores = new float[1024];
        private float[] labels = new float[1024];
        private int[] groups = new int[1024];
        private int labelled;

        void add(ComparedImpression row) {
            impressions++;
            if (row.clicked() == null) {
                return;
            }
            if (row.clicked()) {
                clicks++;
            }
            if (labelled == scores.length) {
                scores = Arrays.copyOf(scores, labelled * 2);
                labels = Arrays.copyOf(labels, labelled * 2);
                groups = Arrays.copyOf(groups, labelled * 2);
            }
            scores[labelled] = row.score();
            labels[labelled] = row.clicked() ? 1 : 0;
            groups[labelled] = groupNumbers.computeIfAbsent(Objects.toString(row.groupId(), ""),
                    g -> groupNumbers.size());
            labelled++;
        }

        float[] scores() {
            return Arrays.copyOf(scores, labelled);
        }

        float[] labels() {
            return Arrays.copyOf(labels, labelled);
        }

        int[] groups() {
            return Arrays.copyOf(groups, labelled);
        }
    }
}
