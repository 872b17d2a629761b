package io.dinplatform.api.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.dinplatform.registry.run.RunMetricRepository;
import io.dinplatform.registry.run.TrainingRunRepository;
import io.dinplatform.registry.sweep.SweepRepository;
import io.dinplatform.registry.sweep.SweepTrial;
import org.springframework.stereotype.Component;

/** A sweep's trials with their runs and the objective's history of each, as the catalog holds them now. */
@Component
class TrialOutcomes {

    private final SweepRepository sweeps;
    private final TrainingRunRepository runs;
    private final RunMetricRepository metrics;

    TrialOutcomes(SweepRepository sweeps, TrainingRunRepository runs, RunMetricRepository metrics) {
        this.sweeps = sweeps;
        this.runs = runs;
        this.metrics = metrics;
    }

    List<TrialOutcome> of(UUID sweepId, SweepObjective objective) {
        List<TrialOutcome> outcomes = new ArrayList<>();
        for (SweepTrial trial : sweeps.trials(sweepId)) {
            runs.find(trial.runId()).ifPresent(run -> outcomes.add(TrialOutcome.of(trial, run,
                    metrics.history(run.id(), List.of(objective.metric())), objective)));
        }
        return outcomes;
    }
}
