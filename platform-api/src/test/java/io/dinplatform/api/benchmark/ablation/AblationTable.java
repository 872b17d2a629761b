package io.dinplatform.api.benchmark.ablation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.dinplatform.core.metrics.RelaImpr;

/**
 * The ablation's figures on one dataset: per configuration the test GAUC over seeds and RelaImpr against the base
 * (the paper's definition, on GAUC), each seed's run compared with the base run of the same seed, which trained on
 * the same split from the same initial draw.
 *
 * @param dataset the dataset
 * @param runs    every finished run on it
 */
record AblationTable(AblationDataset dataset, List<RunResult> runs) {

    AblationTable {
        runs = List.copyOf(runs);
    }

    /** The configurations that have runs, in the table's order. */
    List<AblationConfiguration> configurations() {
        return Arrays.stream(AblationConfiguration.values()).filter(c -> !runsOf(c).isEmpty()).toList();
    }

    List<RunResult> runsOf(AblationConfiguration configuration) {
        return runs.stream().filter(r -> r.configuration() == configuration).toList();
    }

    SeedStatistics testGauc(AblationConfiguration configuration) {
        return SeedStatistics.of(runsOf(configuration).stream().map(RunResult::testGauc).toList());
    }

    SeedStatistics testAuc(AblationConfiguration configuration) {
        return SeedStatistics.of(runsOf(configuration).stream().map(RunResult::testAuc).toList());
    }

    /** RelaImpr on GAUC against the base run of the same seed, in percent; empty without a base run to pair. */
    Optional<SeedStatistics> relaImpr(AblationConfiguration configuration) {
        Map<Long, RunResult> base = runsOf(AblationConfiguration.base()).stream()
                .collect(Collectors.toMap(RunResult::seed, Function.identity()));
        List<Double> improvements = new ArrayList<>();
        for (RunResult run : runsOf(configuration)) {
            RunResult pair = base.get(run.seed());
            if (pair != null) {
                improvements.add(RelaImpr.of(run.testGauc(), pair.testGauc()));
            }
        }
        return improvements.isEmpty() ? Optional.empty() : Optional.of(SeedStatistics.of(improvements));
    }

    /**
     * Whether {@code model} beats the base on mean test GAUC by more than two standard deviations of the seed
     * spread (the larger of the two configurations' deviations); empty when either has no runs.
     */
    Optional<Margin> marginOverBase(AblationConfiguration model) {
        if (runsOf(model).isEmpty() || runsOf(AblationConfiguration.base()).isEmpty()) {
            return Optional.empty();
        }
        SeedStatistics ours = testGauc(model);
        SeedStatistics base = testGauc(AblationConfiguration.base());
        return Optional.of(new Margin(ours.mean() - base.mean(),
                Math.max(ours.standardDeviation(), base.standardDeviation())));
    }

    /**
     * A difference of mean test GAUC and the seed spread it is judged against.
     *
     * @param difference the model's mean minus the base's
     * @param spread     the larger standard deviation of the two
     */
    record Margin(double difference, double spread) {

        boolean exceedsTwoDeviations() {
            return difference > 2 * spread;
        }
    }
}
