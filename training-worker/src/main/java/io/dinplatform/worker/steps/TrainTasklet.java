package io.dinplatform.worker.steps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.dinplatform.core.data.Split;
import io.dinplatform.core.metrics.BaselineMetrics;
import io.dinplatform.core.train.SelectionMetric;
import io.dinplatform.core.train.Trainer;
import io.dinplatform.core.train.TrainingListener;
import io.dinplatform.core.train.TrainingResult;
import io.dinplatform.registry.artifact.StoredArtifact;
import io.dinplatform.worker.lease.StopReason;
import io.dinplatform.worker.steps.ActiveRun;
import io.dinplatform.worker.steps.ActiveRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code train} step: din-core's {@link Trainer} on the run's device, with a checkpoint in the artifact store
 * after every epoch, referenced from the step's execution context and saved to the job repository at once. A restart
 * of the step (on this worker or another) finds the reference there and resumes from it.
 *
 * <p>The trainer checks the run's stop signals between mini-batches. On a cancellation the step just stops; when
 * the worker shuts down it first writes a checkpoint at the exact position, so that nothing is lost; when the lease
 * is lost it writes nothing, since the run belongs to another worker now.
 */
public class TrainTasklet extends RunTasklet {

    static final String CHECKPOINT = "checkpoint.sha256";
    static final String CHECKPOINT_EPOCH = "checkpoint.epoch";
    static final String CHECKPOINT_STEP = "checkpoint.step";
    static final String SELECTED_CHECKPOINT = "selectedCheckpoint.sha256";
    static final String TRAINING_SUMMARY = "training";

    private static final Logger log = LoggerFactory.getLogger(TrainTasklet.class);

    private final PreparedDatasets datasets;
    private final TrainingSessions sessions;
    private final Checkpoints checkpoints;
    private final RunReporter reporter;
    private final JobRepository jobRepository;
    private final MetricHistories histories;

    public TrainTasklet(ActiveRuns activeRuns, PreparedDatasets datasets, TrainingSessions sessions,
                        Checkpoints checkpoints, RunReporter reporter, JobRepository jobRepository,
                        MetricHistories histories) {
        super(activeRuns);
        this.datasets = datasets;
        this.sessions = sessions;
        this.checkpoints = checkpoints;
        this.reporter = reporter;
        this.jobRepository = jobRepository;
        this.histories = histories;
    }

    @Override
    protected RepeatStatus execute(ActiveRun run, StepExecution step) throws IOException {
        TrainingSession session = sessionOf(run, datasets, sessions);
        Trainer trainer = session.trainer();
        resumeIfCheckpointed(run, step, trainer);
        Progress progress = new Progress(run, step, trainer, histories.open(run.runId(), trainer.config().epochs()));
        TrainingResult result;
        try {
            result = trainer.fit(progress, run.control()::shouldStop);
        } finally {
            progress.writeHistory();
        }
        if (result.status() == TrainingResult.Status.CANCELLED) {
            stop(run, step, trainer, result);
            return RepeatStatus.FINISHED;
        }
        StoredArtifact selected = checkpoints.save(trainer);
        session.markTrained();
        ObjectNode summary = summary(result, trainer.config().selectionMetric(), progress.validationBaseline(),
                trainer.idDropout().probabilities());
        ExecutionContext jobContext = step.getJobExecution().getExecutionContext();
        jobContext.putString(SELECTED_CHECKPOINT, selected.sha256());
        jobContext.putString(TRAINING_SUMMARY, summary.toString());
        reporter.report(run, RunReporter.STAGE, summary.put("stage", "trained"));
        log.info("Run {}: training {} after {} epochs; epoch {} selected on validation {}", run.runId(),
                result.status(), result.epochs(), result.bestEpoch(), result.selectedBy());
        return RepeatStatus.FINISHED;
    }

    /** The run's model, created on first use from its prepared dataset, request and device. */
    static TrainingSession sessionOf(ActiveRun run, PreparedDatasets datasets, TrainingSessions sessions) {
        RunSpec spec = RunSpec.of(run.claim().request());
        PreparedDataset data = datasets.of(run.runId(), run.claim().datasetVersionId());
        return sessions.of(run.runId(), () -> TrainingSession.create(data.shards(), spec,
                datasets.shuffleBufferRows(), run.device()));
    }

    private void resumeIfCheckpointed(ActiveRun run, StepExecution step, Trainer trainer) throws IOException {
        ExecutionContext context = step.getExecutionContext();
        if (!context.containsKey(CHECKPOINT)) {
            return;
        }
        String sha256 = context.getString(CHECKPOINT);
        checkpoints.restore(trainer, sha256);
        int epoch = context.getInt(CHECKPOINT_EPOCH);
        long steps = context.getLong(CHECKPOINT_STEP);
        log.info("Run {}: resuming training from checkpoint {} (after epoch {}, step {})", run.runId(), sha256,
                epoch, steps);
        ObjectNode point = JsonMapper.shared().createObjectNode()
                .put("stage", "train").put("resumedFromEpoch", epoch).put("resumedFromStep", steps)
                .put("checkpoint", sha256).put("attempt", run.lease().attempt());
        reporter.report(run, RunReporter.STAGE, point);
    }

    private void stop(ActiveRun run, StepExecution step, Trainer trainer, TrainingResult result) throws IOException {
        StopReason reason = run.control().stopReason().orElse(StopReason.WORKER_SHUTDOWN);
        log.info("Run {}: training stopped after step {} ({})", run.runId(), result.steps(), reason);
        if (reason == StopReason.WORKER_SHUTDOWN) {
            // A checkpoint between two mini-batches resumes bit for bit: a rolling restart loses no work.
            recordCheckpoint(step, checkpoints.save(trainer), result.epochs(), result.steps());
        }
        step.setTerminateOnly();
    }

    /** Points the step's execution context at a new checkpoint, saves it at once, then drops the one it replaced. */
    private void recordCheckpoint(StepExecution step, StoredArtifact checkpoint, int epoch, long steps)
            throws IOException {
        ExecutionContext context = step.getExecutionContext();
        String previous = context.containsKey(CHECKPOINT) ? context.getString(CHECKPOINT) : null;
        context.putString(CHECKPOINT, checkpoint.sha256());
        context.putInt(CHECKPOINT_EPOCH, epoch);
        context.putLong(CHECKPOINT_STEP, steps);
        jobRepository.updateExecutionContext(step);
        if (previous != null && !previous.equals(checkpoint.sha256())) {
            checkpoints.discard(previous);
        }
    }

    /**
     * How training ended and which epoch it kept, selected by which validation metric: {@code selectionMetric} is
     * the one asked for, {@code selectedBy} the one that ranked the epochs, with a {@code selectionNote} when they
     * differ (GAUC is undefined on a validation split without a user who has both classes).
     */
    static ObjectNode summary(TrainingResult result, SelectionMetric asked) {
        return summary(result, asked, null, Map.of());
    }

    /**
     * {@link #summary(TrainingResult, SelectionMetric)} with the baseline's figures beside the validation metrics and
     * the id dropout the run trained with ({@code idDropout}: feature to p, the features without dropout left out).
     */
    static ObjectNode summary(TrainingResult result, SelectionMetric asked, BaselineMetrics validationBaseline,
                              Map<String, Float> idDropout) {
        ObjectNode summary = JsonMapper.shared().createObjectNode();
        summary.put("status", result.status().name());
        summary.put("epochs", result.epochs());
        summary.put("steps", result.steps());
        summary.put("bestEpoch", result.bestEpoch());
        summary.put("selectionMetric", asked.name());
        if (result.selectedBy() != null) {
            summary.put("selectedBy", result.selectedBy().name());
            if (result.selectedBy() != asked) {
                summary.put("selectionNote", asked + " is undefined on the validation split (no user with both "
                        + "classes): epochs were ranked by " + result.selectedBy());
            }
        }
        if (result.bestValidation() != null) {
            summary.set("validation", MetricsJson.of(result.bestValidation(), validationBaseline));
        }
        ObjectNode dropout = summary.putObject("idDropout");
        idDropout.forEach(dropout::put);
        return summary;
    }

    /** Reports steps and epochs as they happen, and checkpoints every epoch. */
    private final class Progress implements TrainingListener {

        private final ActiveRun run;
        private final StepExecution step;
        private final Trainer trainer;
        private final MetricHistory history;
        private ObjectNode lastValidation;
        private BaselineMetrics validationBaseline;
        private boolean baselineComputed;

        Progress(ActiveRun run, StepExecution step, Trainer trainer, MetricHistory history) {
            this.run = run;
            this.step = step;
            this.trainer = trainer;
            this.history = history;
        }

        /** Writes the metric points not yet written, unless the run now belongs to another worker. */
        void writeHistory() {
            if (!run.control().isLeaseLost()) {
                history.flush();
            }
        }

        /** The baseline on the validation split: it does not depend on training, so it is computed once. */
        BaselineMetrics validationBaseline() {
            if (!baselineComputed) {
                validationBaseline = trainer.baseline(Split.VALID);
                baselineComputed = true;
            }
            return validationBaseline;
        }

        @Override
        public void onStep(StepProgress progress) {
            if (progress.step() % histories.progressEverySteps() != 0 || run.control().isLeaseLost()) {
                return;
            }
            history.onProgress(progress);
            ObjectNode point = JsonMapper.shared().createObjectNode()
                    .put("stage", "train")
                    .put("epoch", progress.epoch())
                    .put("epochs", trainer.config().epochs())
                    .put("step", progress.step())
                    .put("batch", progress.batch())
                    .put("batchesPerEpoch", progress.batchesPerEpoch())
                    .put("loss", progress.loss())
                    .put("learningRate", progress.learningRate())
                    .put("samplesPerSecond", progress.samplesPerSecond());
            if (lastValidation != null) {
                point.set("validation", lastValidation);
            }
            reporter.report(run, RunReporter.PROGRESS, point);
        }

        @Override
        public void onEpoch(EpochSummary summary) {
            if (run.control().isLeaseLost()) {
                return;
            }
            try {
                recordCheckpoint(step, checkpoints.save(trainer), summary.epoch(), summary.step());
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the checkpoint of epoch " + summary.epoch(), e);
            }
            history.onEpoch(summary);
            ObjectNode point = JsonMapper.shared().createObjectNode()
                    .put("stage", "train")
                    .put("split", "valid")
                    .put("epoch", summary.epoch())
                    .put("epochs", trainer.config().epochs())
                    .put("step", summary.step())
                    .put("trainLoss", summary.trainLoss())
                    .put("samplesPerSecond", summary.samplesPerSecond())
                    .put("best", summary.best());
            if (summary.validation() != null) {
                lastValidation = MetricsJson.of(summary.validation(), validationBaseline());
                point.set("validation", lastValidation);
            }
            reporter.report(run, RunReporter.METRIC, point);
        }
    }
}
