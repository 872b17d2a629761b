package io.dinplatform.api.batch;

import java.util.List;

import io.dinplatform.api.error.FieldError;
import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.registry.scoring.NewBatchPrediction;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Into how many partitions a batch prediction's rows are split ({@code din.batch-predictions.*}); any live worker
 * scores any partition. A request may name the count; without one, it is one partition per
 * {@code rows-per-partition} rows of the dataset version (at least one), capped at {@code max-partitions}.
 *
 * @param rowsPerPartition the rows of one partition when the request names no count
 * @param maxPartitions    the most partitions of one prediction, given or not (at most
 *                         {@value NewBatchPrediction#MAX_PARTITIONS})
 */
@ConfigurationProperties("din.batch-predictions")
public record BatchPredictionPartitioning(@DefaultValue("100000") long rowsPerPartition,
                                          @DefaultValue("64") int maxPartitions) {

    public BatchPredictionPartitioning {
        if (rowsPerPartition < 1) {
            throw new IllegalArgumentException("din.batch-predictions.rows-per-partition must be positive");
        }
        if (maxPartitions < 1 || maxPartitions > NewBatchPrediction.MAX_PARTITIONS) {
            throw new IllegalArgumentException("din.batch-predictions.max-partitions must be between 1 and "
                    + NewBatchPrediction.MAX_PARTITIONS + ", got " + maxPartitions);
        }
    }

    /**
     * The partition count of a prediction over {@code rows} rows: the requested one, checked (a 400 naming the
     * field otherwise), or the default.
     */
    int partitionsFor(Integer requested, long rows) {
        if (requested == null) {
            return (int) Math.min(maxPartitions, Math.max(1, (rows + rowsPerPartition - 1) / rowsPerPartition));
        }
        if (requested < 1 || requested > maxPartitions) {
            String reason = "must be between 1 and " + maxPartitions + " (din.batch-predictions.max-partitions)";
            throw new InvalidRequestException("partitions: " + reason, List.of(new FieldError("partitions", reason)));
        }
        return requested;
    }
}
