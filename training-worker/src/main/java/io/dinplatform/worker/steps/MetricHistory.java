package io.dinplatform.worker.steps;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.core.train.TrainingListener.EpochSummary;
import io.dinplatform.core.train.TrainingListener.StepProgress;
import io.dinplatform.registry.run.MetricPoint;
import io.dinplatform.registry.run.RunMetricRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * One run's metric history while it trains: progress points and each epoch's validation, collected in the worker and
 * written to the catalog in batches, so that a finished run keeps its curves and no mini-batch pays a write.
 *
 * <p>A run reports a progress point every {@code progressEverySteps} mini-batches; one planned to report more than
 * the bound keeps every k-th of them, k fixed from its planned steps (so a resumed attempt keeps the same points).
 * A write that fails keeps its points for the next flush: the history is worth a retry, not a failed run.
 */
public final class MetricHistory {

    public static final String LOSS = "train.loss";
    public static final String LEARNING_RATE = "train.learningRate";
    public static final String SAMPLES_PER_SECOND = "train.samplesPerSecond";
    public static final String EPOCH_LOSS = "epoch.trainLoss";
    public static final String VALID_AUC = "valid.auc";
    public static final String VALID_GAUC = "valid.gauc";
    public static final String VALID_LOGLOSS = "valid.logloss";

    private static final Logger log = LoggerFactory.getLogger(MetricHistory.class);

    private final UUID runId;
    private final RunMetricRepository repository;
    private final MetricHistoryProperties properties;
    private final int progressEverySteps;
    private final int epochs;
    private final Clock clock;
    private final List<MetricPoint> pending = new ArrayList<>();
    private long stride;
    private Instant lastFlush;

    MetricHistory(UUID runId, RunMetricRepository repository, MetricHistoryProperties properties,
                  int progressEverySteps, int epochs, Clock clock) {
        this.runId = runId;
        this.repository = repository;
        this.properties = properties;
        this.progressEverySteps = progressEverySteps;
        this.epochs = epochs;
        this.clock = clock;
        this.lastFlush = clock.instant();
    }

    /** Records a progress point (one the run reports: its step is a multiple of the progress interval). */
    public void onProgress(StepProgress progress) {
        long point = progress.step() / progressEverySteps;
        if (point % stride(progress.batchesPerEpoch()) != 0) {
            return;
        }
        Instant now = clock.instant();
        add(LOSS, progress.step(), progress.epoch(), progress.loss(), now);
        add(LEARNING_RATE, progress.step(), progress.epoch(), progress.learningRate(), now);
        add(SAMPLES_PER_SECOND, progress.step(), progress.epoch(), progress.samplesPerSecond(), now);
        if (!now.isBefore(lastFlush.plus(properties.flushInterval()))) {
            flush();
        }
    }

    /** Records an epoch's training loss and validation, and writes everything pending. */
    public void onEpoch(EpochSummary summary) {
        Instant now = clock.instant();
        add(EPOCH_LOSS, summary.step(), summary.epoch(), summary.trainLoss(), now);
        EvaluationMetrics validation = summary.validation();
        if (validation != null) {
            add(VALID_AUC, summary.step(), summary.epoch(), validation.auc(), now);
            add(VALID_GAUC, summary.step(), summary.epoch(), validation.gauc(), now);
            add(VALID_LOGLOSS, summary.step(), summary.epoch(), validation.logLoss(), now);
        }
        flush();
    }

    /** Writes the pending points in one go. */
    public void flush() {
        lastFlush = clock.instant();
        if (pending.isEmpty()) {
            return;
        }
        try {
            repository.append(runId, pending);
            pending.clear();
        } catch (DataAccessException e) {
            log.warn("Run {}: could not write {} metric points, keeping them for the next flush: {}", runId,
                    pending.size(), e.getMessage());
        }
    }

    /** Every k-th progress point, the smallest k that keeps the run's planned points within the bound. */
    private long stride(int batchesPerEpoch) {
        if (stride == 0) {
            long planned = (long) epochs * batchesPerEpoch / progressEverySteps;
            int max = properties.maxPointsPerMetric();
            stride = Math.max(1, (planned + max - 1) / max);
        }
        return stride;
    }

    private void add(String name, long step, int epoch, double value, Instant at) {
        if (Double.isFinite(value)) {
            pending.add(new MetricPoint(name, step, epoch, value, at));
        }
    }
}
