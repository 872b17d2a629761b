package io.dinplatform.api.sweep;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.run.MetricPoint;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.registry.sweep.SweepTrial;

/**
 * A trial with its run and its objective so far: the validation value of the objective metric after each epoch, as
 * the run's metric history holds it.
 *
 * @param trial     the trial
 * @param run       its training run
 * @param byEpoch   the objective after each epoch evaluated so far
 * @param objective which direction is better
 */
record TrialOutcome(SweepTrial trial, TrainingRun run, Map<Integer, Double> byEpoch, SweepObjective objective) {

    static TrialOutcome of(SweepTrial trial, TrainingRun run, Iterable<MetricPoint> history,
                           SweepObjective objective) {
        Map<Integer, Double> byEpoch = new TreeMap<>();
        for (MetricPoint point : history) {
            if (point.epoch() != null) {
                byEpoch.put(point.epoch(), point.value());
            }
        }
        return new TrialOutcome(trial, run, byEpoch, objective);
    }

    /**
     * The winner among trials: a succeeded trial with a registered version and the best objective, the earlier
     * trial on a tie. What the sweep promotes when it ends, and what it shows as the best so far.
     */
    static Optional<TrialOutcome> best(List<TrialOutcome> trials) {
        return trials.stream()
                .filter(t -> t.run().status() == JobStatus.SUCCEEDED && t.hasObjective()
                        && t.run().modelVersion() != null)
                .min(Comparator.comparingDouble((TrialOutcome t) -> t.objective().loss(t.best()))
                        .thenComparingInt(t -> t.trial().trial()));
    }

    boolean ended() {
        return run.status().isFinal();
    }

    /** The best value over its epochs, the one its selected epoch scored (NaN before its first evaluation). */
    double best() {
        return byEpoch.values().stream().reduce((a, b) -> objective.better(b, a) ? b : a).orElse(Double.NaN);
    }

    boolean hasObjective() {
        return !byEpoch.isEmpty();
    }
}
