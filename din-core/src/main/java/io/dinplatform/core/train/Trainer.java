package io.dinplatform.core.train;

import io.dinplatform.core.nn.GradientMode;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.embedding.BatchAssembler;
import io.dinplatform.core.embedding.EmbeddingLookup;
import io.dinplatform.core.embedding.EmbeddingTables;
import io.dinplatform.core.embedding.IndexBatch;
import io.dinplatform.core.embedding.SparseEmbeddingLookup;
import io.dinplatform.core.metrics.BaselineMetrics;
import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.core.metrics.PopularityBaseline;
import io.dinplatform.core.model.CtrModel;
import io.dinplatform.core.nn.ParameterStore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Trains a model and its embedding tables on the TRAIN split of a dataset: epochs of shuffled mini-batches, each a
 * {@link TrainingStep} on ids that {@link IdDropout} has replaced by the unknown index at its features' rates; after
 * every epoch an evaluation on VALID, keeping the best epoch's parameters and stopping
 * early when the validation metric that selects epochs ({@link SelectionMetric}, GAUC by default) has not improved
 * for {@code earlyStoppingPatience} epochs.
 *
 * <p>Deterministic on the CPU for a fixed seed and thread count: initialisation is seeded, the order of epoch e is a
 * shuffle seeded by (seed, e), and every engine op used here is deterministic on the CPU. A checkpoint
 * ({@link #writeCheckpoint}) holds the parameters, the optimizer state, the position (epoch, mini-batch, step) and
 * the best epoch with its parameters; a new trainer that reads it continues exactly as the original would have, bit
 * for bit, whether it was written at an epoch's end or after a cancellation between two mini-batches.
 *
 * <p>Not thread-safe: one trainer runs on one thread.
 */
public final class Trainer implements AutoCloseable {

    private static final int CHECKPOINT_MAGIC = 0x44494E43; // "DINC"
    private static final int CHECKPOINT_VERSION = 1;

    private final CtrModel model;
    private final EmbeddingTables tables;
    private final EncodedDataset data;
    private final TrainingConfig config;
    private final int[] trainRows;
    private final BatchAssembler assembler;
    private final BatchAssembler evaluationAssembler;
    private final EmbeddingLookup inferenceLookup;
    private final Optimizer optimizer;
    private final TrainingStep step;
    private final IdDropout idDropout;
    private final TrainingProgress progress = new TrainingProgress();
    private byte[] bestParameters;

    /**
     * @param model     the model; its dense parameters are trained in place
     * @param tables    its embedding tables, trained in place
     * @param data      the dataset with TRAIN (and, for selection, VALID) rows
     */
    public Trainer(CtrModel model, EmbeddingTables tables, EncodedDataset data, TrainingConfig config) {
        this.model = model;
        this.tables = tables;
        this.data = data;
        this.config = config;
        this.trainRows = data.rowsOf(Split.TRAIN);
        if (trainRows.length == 0) {
            throw new IllegalArgumentException("the dataset has no TRAIN rows to train on");
        }
        this.idDropout = IdDropout.of(data, config.idDropout());
        this.assembler = BatchAssembler.forSchema(data.schema(), config.batchSize());
        this.evaluationAssembler = BatchAssembler.forSchema(data.schema(), config.evaluationBatchSize());
        this.inferenceLookup = new EmbeddingLookup(tables);
        this.optimizer = new Optimizer(config.optimizer(), tables.manager());
        ModelUpdater updater = new ModelUpdater(optimizer, config.regularization(), config.clipNorm(),
                model.parameters(), tables);
        SparseEmbeddingLookup sparseLookup = new SparseEmbeddingLookup(tables, config.batchSize(),
                data.schema().maxHistoryLength());
        this.step = new TrainingStep(model, sparseLookup, updater);
        model.parameters().attachGradients();
    }

    /**
     * Trains from the current position (the start, or a restored checkpoint) until the configured epochs are done,
     * early stopping triggers, or {@code cancellation} answers true before a mini-batch. On completion or early
     * stop the model holds the best epoch's parameters; on cancellation it holds the latest ones, and
     * {@link #writeCheckpoint} saves the exact position.
     */
    public TrainingResult fit(TrainingListener listener, BooleanSupplier cancellation) {
        int batchesPerEpoch = (trainRows.length + config.batchSize() - 1) / config.batchSize();
        while (progress.finished == null && progress.epochsDone < config.epochs()) {
            int[] order = shuffledRows(progress.epochsDone);
            long epochStart = System.nanoTime();
            int samplesThisCall = 0;
            while (progress.batchesDone < batchesPerEpoch) {
                if (cancellation.getAsBoolean()) {
                    return result(TrainingResult.Status.CANCELLED);
                }
                int from = progress.batchesDone * config.batchSize();
                int to = Math.min(from + config.batchSize(), order.length);
                float loss = trainOn(order, from, to);
                samplesThisCall += to - from;
                progress.batchesDone++;
                progress.steps++;
                progress.epochLossSum += loss;
                progress.epochLossCount++;
                listener.onStep(new TrainingListener.StepProgress(progress.epochsDone + 1, progress.steps,
                        progress.batchesDone, batchesPerEpoch, loss, optimizer.learningRate(),
                        perSecond(samplesThisCall, epochStart)));
            }
            finishEpoch(listener, perSecond(samplesThisCall, epochStart));
        }
        if (progress.finished == null) {
            progress.finished = TrainingResult.Status.COMPLETED;
            restoreBest();
        }
        return result(progress.finished);
    }

    /** Scores every row of a split, in row order, without autograd. */
    public Predictions predict(Split split) {
        int[] rows = data.rowsOf(split);
        float[] scores = new float[rows.length];
        float[] labels = new float[rows.length];
        int[] groups = new int[rows.length];
        try (GradientMode off = GradientMode.disabled()) {
            for (int from = 0; from < rows.length; from += config.evaluationBatchSize()) {
                int to = Math.min(from + config.evaluationBatchSize(), rows.length);
                try (NDManager batchManager = tables.manager().newSubManager()) {
                    IndexBatch batch = evaluationAssembler.assemble(data, rows, from, to);
                    NDArray logits = model.forward(inferenceLookup.lookup(batch, batchManager), false);
                    System.arraycopy(logits.getNDArrayInternal().sigmoid().toFloatArray(), 0, scores, from, to - from);
                }
            }
        }
        for (int i = 0; i < rows.length; i++) {
            labels[i] = data.labels()[rows[i]];
            groups[i] = data.groups()[rows[i]];
        }
        return new Predictions(scores, labels, groups);
    }

    /** AUC, GAUC and log loss on a split, or null when the split is empty. */
    public EvaluationMetrics evaluate(Split split) {
        Predictions predictions = predict(split);
        return predictions.size() == 0 ? null
                : EvaluationMetrics.of(predictions.scores(), predictions.labels(), predictions.groups());
    }

    /**
     * The popularity baseline's AUC and GAUC on a split ({@link PopularityBaseline}), to report beside the model's;
     * null when the split is empty or the schema has no candidate item (no history).
     */
    public BaselineMetrics baseline(Split split) {
        return PopularityBaseline.of(data.schema(), data.vocabularies()).map(b -> b.evaluate(data, split))
                .orElse(null);
    }

    /** Writes everything a resumed run needs (see the class comment). */
    public void writeCheckpoint(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(CHECKPOINT_MAGIC);
        data.writeInt(CHECKPOINT_VERSION);
        data.writeLong(config.seed());
        data.writeInt(config.batchSize());
        progress.writeTo(data);
        optimizer.writeTo(data);
        writeBlock(data, parametersAsBytes());
        writeBlock(data, bestParameters == null ? new byte[0] : bestParameters);
        data.flush();
    }

    /**
     * Restores a checkpoint written by a trainer with the same model layout, seed and batch size; training then
     * continues from its position with {@link #fit}.
     */
    public void readCheckpoint(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != CHECKPOINT_MAGIC) {
            throw new IOException("not a training checkpoint (bad magic number)");
        }
        int version = data.readInt();
        if (version != CHECKPOINT_VERSION) {
            throw new IOException("unsupported checkpoint version " + version);
        }
        long seed = data.readLong();
        int batchSize = data.readInt();
        if (seed != config.seed() || batchSize != config.batchSize()) {
            throw new IOException("the checkpoint was written with seed " + seed + " and batch size " + batchSize
                    + ", this run has seed " + config.seed() + " and batch size " + config.batchSize()
                    + ": resuming would not continue the same run");
        }
        progress.readFrom(data);
        optimizer.readFrom(data);
        loadParameters(readBlock(data));
        byte[] best = readBlock(data);
        bestParameters = best.length == 0 ? null : best;
    }

    /** The time split of the steps run so far (lookup + forward, backward, optimizer). */
    public StepTimings timings() {
        return step.timings();
    }

    /** The id dropout this run trains with, per feature (see {@link IdDropout}). */
    public IdDropout idDropout() {
        return idDropout;
    }

    public TrainingConfig config() {
        return config;
    }

    @Override
    public void close() {
        optimizer.close();
    }

    private float trainOn(int[] order, int from, int to) {
        try (NDManager batchManager = tables.manager().newSubManager()) {
            IndexBatch batch = assembler.assemble(data, order, from, to);
            idDropout.apply(batch, config.seed(), progress.epochsDone, progress.batchesDone);
            return step.run(batch, batchManager);
        }
    }

    private void finishEpoch(TrainingListener listener, double samplesPerSecond) {
        int epoch = progress.epochsDone + 1;
        double trainLoss = progress.epochLossSum / Math.max(1, progress.epochLossCount);
        EvaluationMetrics validation = evaluate(Split.VALID);
        boolean best = validation == null
                || progress.bestValidation == null
                || config.selectionMetric().improves(validation, progress.bestValidation);
        if (best) {
            progress.bestEpoch = epoch;
            progress.bestValidation = validation;
            progress.epochsWithoutImprovement = 0;
            bestParameters = parametersAsBytes();
        } else {
            progress.epochsWithoutImprovement++;
        }
        progress.epochsDone = epoch;
        progress.batchesDone = 0;
        progress.epochLossSum = 0;
        progress.epochLossCount = 0;
        if (config.earlyStoppingPatience() > 0
                && progress.epochsWithoutImprovement >= config.earlyStoppingPatience()) {
            progress.finished = TrainingResult.Status.EARLY_STOPPED;
            restoreBest();
        }
        listener.onEpoch(new TrainingListener.EpochSummary(epoch, progress.steps, trainLoss, samplesPerSecond,
                validation, best));
    }

    /** Epoch e's order: the TRAIN rows shuffled by a generator seeded with (seed, e) alone. */
    private int[] shuffledRows(int epoch) {
        int[] order = trainRows.clone();
        SplittableRandom random = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private void restoreBest() {
        if (bestParameters != null) {
            loadParameters(bestParameters);
        }
    }

    private TrainingResult result(TrainingResult.Status status) {
        SelectionMetric selectedBy = progress.bestValidation == null ? null
                : config.selectionMetric().effectiveOn(progress.bestValidation);
        return new TrainingResult(status, progress.epochsDone, progress.steps, progress.bestEpoch,
                progress.bestValidation, selectedBy);
    }

    private byte[] parametersAsBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            model.parameters().writeTo(bytes);
            tables.writeTo(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("could not serialise the parameters in memory", e);
        }
    }

    private void loadParameters(byte[] bytes) {
        try {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            ParameterStore layers = model.parameters();
            layers.readFrom(in);
            tables.readFrom(in);
        } catch (IOException e) {
            throw new IllegalStateException("saved parameters do not fit this model: " + e.getMessage(), e);
        }
    }

    private static void writeBlock(DataOutputStream out, byte[] block) throws IOException {
        out.writeInt(block.length);
        out.write(block);
    }

    private static byte[] readBlock(DataInputStream in) throws IOException {
        byte[] block = new byte[in.readInt()];
        in.readFully(block);
        return block;
    }

    private static double perSecond(int samples, long sinceNanos) {
        double seconds = (System.nanoTime() - sinceNanos) / 1e9;
        return seconds == 0 ? 0 : samples / seconds;
    }
}
