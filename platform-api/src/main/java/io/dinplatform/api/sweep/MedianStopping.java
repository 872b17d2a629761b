package io.dinplatform.api.sweep;

import java.util.List;
import java.util.Map;

/**
 * The median stopping rule (Golovin et al., Google Vizier, KDD 2017): a trial is stopped after an epoch when its
 * objective so far is worse than the median of the other trials' objectives after the same epoch. It waits for
 * {@link #MIN_OTHERS} other trials to have reached that epoch, and never stops a trial at its last epoch (nothing
 * would be saved).
 */
final class MedianStopping {

    static final int MIN_OTHERS = 3;

    private MedianStopping() {
    }

    /**
     * @param trial     the running trial's objective by epoch
     * @param others    the other trials' objectives by epoch
     * @param epochs    the epochs the trial is planned for
     * @param objective which direction is better
     */
    static boolean shouldStop(Map<Integer, Double> trial, List<Map<Integer, Double>> others, int epochs,
                              SweepObjective objective) {
        if (trial.isEmpty()) {
            return false;
        }
        int epoch = trial.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
        if (epoch >= epochs) {
            return false;
        }
        double[] reached = others.stream().filter(other -> other.containsKey(epoch))
                .mapToDouble(other -> bestUpTo(other, epoch, objective)).sorted().toArray();
        if (reached.length < MIN_OTHERS) {
            return false;
        }
        double median = reached.length % 2 == 1 ? reached[reached.length / 2]
                : (reached[reached.length / 2 - 1] + reached[reached.length / 2]) / 2;
        return objective.better(median, bestUpTo(trial, epoch, objective));
    }

    /** The best value up to and including the epoch: what the trial would keep if it stopped there. */
    private static double bestUpTo(Map<Integer, Double> values, int epoch, SweepObjective objective) {
        return values.entrySet().stream().filter(e -> e.getKey() <= epoch).map(Map.Entry::getValue)
                .reduce((a, b) -> objective.better(b, a) ? b : a).orElseThrow();
    }
}
