package io.dinplatform.core.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.shard.ShardedDataset;
import io.dinplatform.core.embedding.EmbeddingTables;
import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.CtrModel;
import io.dinplatform.core.model.ModelDimensions;
import io.dinplatform.core.nn.ParameterStore;

import java.util.function.BooleanSupplier;

/**
 * A model, its embedding tables and a {@link Trainer}, built for one dataset from an architecture and a training
 * configuration, all seeded by the training seed: what a command line, a test or a training worker runs.
 */
public final class TrainingJob implements AutoCloseable {

    private final NDManager manager;
    private final EmbeddingTables tables;
    private final CtrModel model;
    private final Trainer trainer;

    private TrainingJob(NDManager manager, EmbeddingTables tables, CtrModel model, Trainer trainer) {
        this.manager = manager;
        this.tables = tables;
        this.model = model;
        this.trainer = trainer;
    }

    /** Builds the job on the configuration's device (AUTO takes a GPU when the engine sees one). */
    public static TrainingJob create(EncodedDataset data, ArchitectureConfig architecture, TrainingConfig config) {
        return create(data, architecture, config, config.device().resolve());
    }

    /**
     * A dataset held in memory (in shards of the default size, shuffled with the default buffer).
     *
     * @param device where the arrays live
     */
    public static TrainingJob create(EncodedDataset data, ArchitectureConfig architecture, TrainingConfig config,
                                     Device device) {
        return create(ShardedDataset.inMemory(data, ShardedDataset.DEFAULT_ROWS_PER_SHARD), architecture, config,
                Trainer.DEFAULT_SHUFFLE_BUFFER_ROWS, device);
    }

    /**
     * @param shuffleBufferRows the rows an epoch shuffles together
     * @param device            where the arrays live
     */
    public static TrainingJob create(ShardedDataset data, ArchitectureConfig architecture, TrainingConfig config,
                                     int shuffleBufferRows, Device device) {
        NDManager manager = NDManager.newBaseManager(device);
        try {
            EmbeddingTables tables = EmbeddingTables.create(manager, data.schema(), data.vocabularies(),
                    architecture.embeddingDim(), config.seed());
            ModelDimensions dimensions = new ModelDimensions(tables.profileWidth(), tables.itemWidth(),
                    tables.numericWidth());
            ParameterStore layers = new ParameterStore(manager, DataType.FLOAT32, config.seed());
            CtrModel model = CtrModel.create(architecture, dimensions, layers);
            return new TrainingJob(manager, tables, model, new Trainer(model, tables, data, config,
                    shuffleBufferRows));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Trains (from the start or a restored checkpoint), then scores the selected parameters on VALID and TEST. */
    public TrainingReport run(TrainingListener listener, BooleanSupplier cancellation) {
        SamplesPerSecond throughput = new SamplesPerSecond(listener);
        TrainingResult result = trainer.fit(throughput, cancellation);
        if (result.status() == TrainingResult.Status.CANCELLED) {
            return new TrainingReport(result, null, null, throughput.mean());
        }
        EvaluationMetrics validation = trainer.evaluate(Split.VALID);
        EvaluationMetrics test = trainer.evaluate(Split.TEST);
        return new TrainingReport(result, validation, test, throughput.mean());
    }

    public CtrModel model() {
        return model;
    }

    public EmbeddingTables tables() {
        return tables;
    }

    public Trainer trainer() {
        return trainer;
    }

    @Override
    public void close() {
        trainer.close();
        model.parameters().close();
        tables.close();
        manager.close();
    }

    /** Forwards every event and averages the epochs' throughput. */
    private static final class SamplesPerSecond implements TrainingListener {

        private final TrainingListener next;
        private double sum;
        private int epochs;

        SamplesPerSecond(TrainingListener next) {
            this.next = next;
        }

        @Override
        public void onStep(StepProgress progress) {
            next.onStep(progress);
        }

        @Override
        public void onEpoch(EpochSummary summary) {
            sum += summary.samplesPerSecond();
            epochs++;
            next.onEpoch(summary);
        }

        double mean() {
            return epochs == 0 ? 0 : sum / epochs;
        }
    }
}
