package io.dinplatform.core.train;

import io.dinplatform.core.nn.GradientMode;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.shard.Prefetcher;
import io.dinplatform.core.data.shard.ShardedDataset;
import io.dinplatform.core.data.shard.ShardsInOrder;
import io.dinplatform.core.data.shard.ShuffledEpoch;
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
import java.util.function.BooleanSupplier;

/**
 * Trains a model and its embedding tables on the TRAIN split of a sharded dataset: epochs of shuffled mini-batches,
 * each a {@link TrainingStep} on ids that {@link IdDropout} has replaced by the unknown index at its features' rates;
 * after every epoch an evaluation on VALID, keeping the best epoch's parameters and stopping early when the
 * validation metric that selects epochs ({@link SelectionMetric}, GAUC by default) has not improved for
 * {@code earlyStoppingPatience} epochs.
 *
 * <p>The data are streamed: an epoch reads the shards through a bounded shuffle ({@link ShuffledEpoch}: shard order
 * shuffled per epoch, rows shuffled within windows of at most {@code shuffleBufferRows}), and evaluation reads a
 * split's shards in order ({@link ShardsInOrder}); in both the next shards are fetched and decoded on a background
 * thread, so memory holds a few shards, not the dataset.
 *
 * <p>Deterministic on the CPU for a fixed seed and thread count: initialisation is seeded, the order of epoch e is a
 * function of (seed, e, the shard sizes, the shuffle buffer), and every engine op used here is deterministic on the
 * CPU. A checkpoint
 * ({@link #writeCheckpoint}) holds the parameters, the optimizer state, the position (epoch, mini-batch, step) and
 * the best epoch with its parameters; a new trainer that reads it continues exactly as the original would have, bit
 * for bit, whether it was written at an epoch's end or after a cancellation between two mini-batches.
 *
 * <p>Not thread-safe: one trainer runs on one thread.
 */
public final class Trainer implements AutoCloseable {

    private static final int CHECKPOINT_MAGIC = 0x44494E43; // "DINC"
    private static final int CHECKPOINT_VERSION = 2;

    /** Rows shuffled together unless a setting says otherwise: four default shards. */
    public static final int DEFAULT_SHUFFLE_BUFFER_ROWS = 4 * ShardedDataset.DEFAULT_ROWS_PER_SHARD;

    private final CtrModel model;
    private final EmbeddingTables tables;
    private final ShardedDataset data;
    private final TrainingConfig config;
    private final long trainRows;
    /** Set by the run, or by the checkpoint it resumes: the order of an epoch depends on it. */
    private int shuffleBufferRows;
    private final Prefetcher prefetcher = new Prefetcher();
    private final BatchAssembler assembler;
    private final BatchAssembler evaluationAssembler;
    private final EmbeddingLookup inferenceLookup;
    private final Optimizer optimizer;
    private final TrainingStep step;
    /** Resolved when first needed: the default of a group feature reads the dataset's group column once. */
    private IdDropout idDropout;
    private final TrainingProgress progress = new TrainingProgress();
    private byte[] bestParameters;

    /** A dataset held in memory, in shards of the default size, shuffled with the default buffer. */
    public Trainer(CtrModel model, EmbeddingTables tables, EncodedDataset data, TrainingConfig config) {
        this(model, tables, ShardedDataset.inMemory(data, ShardedDataset.DEFAULT_ROWS_PER_SHARD), config,
                DEFAULT_SHUFFLE_BUFFER_ROWS);
    }

    /**
     * @param model             the model; its dense parameters are trained in place
     * @param tables            its embedding tables, trained in place
     * @param data              the dataset with TRAIN (and, for selection, VALID) rows
     * @param shuffleBufferRows the rows an epoch shuffles together (see {@link ShuffledEpoch})
     */
    public Trainer(CtrModel model, EmbeddingTables tables, ShardedDataset data, TrainingConfig config,
                   int shuffleBufferRows) {
        if (shuffleBufferRows < 1) {
            throw new IllegalArgumentException("the shuffle buffer must hold at least one row, got "
                    + shuffleBufferRows);
        }
        this.model = model;
        this.tables = tables;
        this.data = data;
        this.config = config;
        this.shuffleBufferRows = shuffleBufferRows;
        this.trainRows = data.rows(Split.TRAIN);
        if (trainRows == 0) {
            throw new IllegalArgumentException("the dataset has no TRAIN rows to train on");
        }
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
        int batchesPerEpoch = Math.toIntExact((trainRows + config.batchSize() - 1) / config.batchSize());
        while (progress.finished == null && progress.epochsDone < config.epochs()) {
            long epochStart = System.nanoTime();
            int samplesThisCall = 0;
            try (ShuffledEpoch epoch = new ShuffledEpoch(data, Split.TRAIN, config.seed(), progress.epochsDone,
                    shuffleBufferRows, (long) progress.batchesDone * config.batchSize(), prefetcher)) {
                while (progress.batchesDone < batchesPerEpoch) {
                    if (cancellation.getAsBoolean()) {
                        return result(TrainingResult.Status.CANCELLED);
                    }
                    long from = (long) progress.batchesDone * config.batchSize();
                    ShuffledEpoch.Batch batch = epoch.next((int) Math.min(config.batchSize(), trainRows - from));
                    float loss = trainOn(batch);
                    samplesThisCall += batch.size();
                    progress.batchesDone++;
                    progress.steps++;
                    progress.epochLossSum += loss;
                    progress.epochLossCount++;
                    listener.onStep(new TrainingListener.StepProgress(progress.epochsDone + 1, progress.steps,
                            progress.batchesDone, batchesPerEpoch, loss, optimizer.learningRate(),
                            perSecond(samplesThisCall, epochStart)));
                }
            }
            finishEpoch(listener, perSecond(samplesThisCall, epochStart));
        }
        if (progress.finished == null) {
            progress.finished = TrainingResult.Status.COMPLETED;
            restoreBest();
        }
        return result(progress.finished);
    }

    /**
     * Scores every row of a split, in file order, without autograd, reading its shards one after the other: only
     * the (score, label, group) columns of the split are held whole, as primitive arrays.
     */
    public Predictions predict(Split split) {
        int total = Math.toIntExact(data.rows(split));
        float[] scores = new float[total];
        float[] labels = new float[total];
        int[] groups = new int[total];
        int at = 0;
        try (GradientMode off = GradientMode.disabled();
             ShardsInOrder shards = new ShardsInOrder(data, split, prefetcher)) {
            while (shards.hasNext()) {
                EncodedDataset shard = shards.next();
                int[] rows = identity(shard.size());
                for (int from = 0; from < rows.length; from += config.evaluationBatchSize()) {
                    int to = Math.min(from + config.evaluationBatchSize(), rows.length);
                    try (NDManager batchManager = tables.manager().newSubManager()) {
                        IndexBatch batch = evaluationAssembler.assemble(shard, rows, from, to);
                        NDArray logits = model.forward(inferenceLookup.lookup(batch, batchManager), false);
                        System.arraycopy(logits.getNDArrayInternal().sigmoid().toFloatArray(), 0, scores, at + from,
                                to - from);
                    }
                }
                System.arraycopy(shard.labels(), 0, labels, at, shard.size());
                System.arraycopy(shard.groups(), 0, groups, at, shard.size());
                at += shard.size();
            }
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
        return PopularityBaseline.of(data.schema(), data.vocabularies())
                .map(baseline -> baseline.evaluate(data, split, prefetcher))
                .orElse(null);
    }

    /** Writes everything a resumed run needs (see the class comment). */
    public void writeCheckpoint(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(CHECKPOINT_MAGIC);
        data.writeInt(CHECKPOINT_VERSION);
        data.writeLong(config.seed());
        data.writeInt(config.batchSize());
        data.writeInt(shuffleBufferRows);
        data.writeLong(trainRows);
        progress.writeTo(data);
        optimizer.writeTo(data);
        writeBlock(data, parametersAsBytes());
        writeBlock(data, bestParameters == null ? new byte[0] : bestParameters);
        data.flush();
    }

    /**
     * Restores a checkpoint written by a trainer with the same model layout, seed and batch size on the same
     * training rows; training then continues from its position with {@link #fit}, with the checkpoint's shuffle
     * buffer.
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
        int checkpointShuffleBufferRows = data.readInt();
        long checkpointTrainRows = data.readLong();
        if (checkpointTrainRows != trainRows || checkpointShuffleBufferRows < 1) {
            throw new IOException("the checkpoint was written for " + checkpointTrainRows + " training rows, this "
                    + "dataset has " + trainRows + ": resuming would not continue the same run");
        }
        // The epoch's order depends on the buffer: the resumed run keeps the one it started with.
        shuffleBufferRows = checkpointShuffleBufferRows;
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
        if (idDropout == null) {
            idDropout = IdDropout.of(data, config.idDropout(), prefetcher);
        }
        return idDropout;
    }

    public TrainingConfig config() {
        return config;
    }

    @Override
    public void close() {
        prefetcher.close();
        optimizer.close();
    }

    private float trainOn(ShuffledEpoch.Batch rows) {
        try (NDManager batchManager = tables.manager().newSubManager()) {
            IndexBatch batch = assembler.assemble(rows.data(), rows.rows(), rows.from(), rows.to());
            idDropout().apply(batch, config.seed(), progress.epochsDone, progress.batchesDone);
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

    private static int[] identity(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
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
