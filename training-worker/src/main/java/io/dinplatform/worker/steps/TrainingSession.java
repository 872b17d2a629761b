package io.dinplatform.worker.steps;

import ai.djl.Device;
import io.dinplatform.core.data.shard.ShardedDataset;
import io.dinplatform.core.device.NativeHeap;
import io.dinplatform.core.embedding.EmbeddingTables;
import io.dinplatform.core.model.CtrModel;
import io.dinplatform.core.train.Trainer;
import io.dinplatform.core.train.TrainingJob;

/**
 * A run's model on its device: din-core's {@link TrainingJob} (tables, layers and trainer, all seeded by the run's
 * seed, so a session built again in another process starts from the same parameters and a checkpoint read into it
 * continues exactly where the last one stopped), and whether it holds the parameters selected on validation yet.
 */
public final class TrainingSession implements AutoCloseable {

    private final TrainingJob job;
    private volatile boolean trained;

    private TrainingSession(TrainingJob job) {
        this.job = job;
    }

    public static TrainingSession create(ShardedDataset data, RunSpec spec, int shuffleBufferRows, Device device) {
        return new TrainingSession(TrainingJob.create(data, spec.architecture(), spec.training(), shuffleBufferRows,
                device));
    }

    public Trainer trainer() {
        return job.trainer();
    }

    public CtrModel model() {
        return job.model();
    }

    public EmbeddingTables tables() {
        return job.tables();
    }

    /** Whether the model holds the selected (best) parameters of a finished training. */
    public boolean isTrained() {
        return trained;
    }

    public void markTrained() {
        trained = true;
    }

    /**
     * Frees the run's arrays and gives the C allocator's free pages back to the kernel: the allocator tuning keeps
     * freed memory for the next step's tensors, which within a run saves faulting them in again, but after the run
     * it would keep the run's high-water mark (several hundred MiB, mostly evaluation batches) for good.
     */
    @Override
    public void close() {
        job.close();
        NativeHeap.trim();
    }
}
