package io.dinplatform.core.train;

import io.dinplatform.core.metrics.EvaluationMetrics;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Where a run stands: the position in the schedule of epochs and mini-batches and the best epoch so far. Together
 * with the parameters and the optimizer state it is all a checkpoint needs, because the order of an epoch is a pure
 * function of (seed, epoch, the shard sizes, the shuffle buffer): the random state to restore is the position itself.
 */
final class TrainingProgress {

    /** Epochs completed (so the 0-based index of the epoch in progress). */
    int epochsDone;
    /** Mini-batches completed in the epoch in progress. */
    int batchesDone;
    /** Optimizer steps completed in the run. */
    long steps;
    /** Sum and count of this epoch's mini-batch losses so far. */
    double epochLossSum;
    int epochLossCount;
    /** The 1-based best epoch, 0 before the first validation. */
    int bestEpoch;
    EvaluationMetrics bestValidation;
    int epochsWithoutImprovement;
    TrainingResult.Status finished;

    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(epochsDone);
        out.writeInt(batchesDone);
        out.writeLong(steps);
        out.writeDouble(epochLossSum);
        out.writeInt(epochLossCount);
        out.writeInt(bestEpoch);
        out.writeBoolean(bestValidation != null);
        if (bestValidation != null) {
            out.writeDouble(bestValidation.auc());
            out.writeDouble(bestValidation.gauc());
            out.writeDouble(bestValidation.logLoss());
            out.writeLong(bestValidation.samples());
            out.writeLong(bestValidation.positives());
        }
        out.writeInt(epochsWithoutImprovement);
        out.writeUTF(finished == null ? "" : finished.name());
    }

    void readFrom(DataInputStream in) throws IOException {
        epochsDone = in.readInt();
        batchesDone = in.readInt();
        steps = in.readLong();
        epochLossSum = in.readDouble();
        epochLossCount = in.readInt();
        bestEpoch = in.readInt();
        bestValidation = in.readBoolean()
                ? new EvaluationMetrics(in.readDouble(), in.readDouble(), in.readDouble(), in.readLong(), in.readLong())
                : null;
        epochsWithoutImprovement = in.readInt();
        String status = in.readUTF();
        finished = status.isEmpty() ? null : TrainingResult.Status.valueOf(status);
    }
}
