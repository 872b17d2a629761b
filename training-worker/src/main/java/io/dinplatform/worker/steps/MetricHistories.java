package io.dinplatform.worker.steps;

import java.time.Clock;
import java.util.UUID;

import io.dinplatform.registry.run.RunMetricRepository;

/** Opens the {@link MetricHistory} of a run that starts training. */
public class MetricHistories {

    private final RunMetricRepository repository;
    private final MetricHistoryProperties properties;
    private final int progressEverySteps;
    private final Clock clock;

    public MetricHistories(RunMetricRepository repository, MetricHistoryProperties properties,
                           int progressEverySteps, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.progressEverySteps = progressEverySteps;
        this.clock = clock;
    }

    /** The history of a run planned for the given number of epochs. */
    public MetricHistory open(UUID runId, int epochs) {
        return new MetricHistory(runId, repository, properties, progressEverySteps, epochs, clock);
    }

    int progressEverySteps() {
        return progressEverySteps;
    }
}
