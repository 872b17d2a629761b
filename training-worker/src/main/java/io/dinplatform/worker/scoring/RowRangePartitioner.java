package io.dinplatform.worker.scoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a dataset version's rows into contiguous ranges of (nearly) equal size, one per partition, in row order:
 * partition {@code i} of {@code P} over {@code N} rows starts at row {@code floor(i N / P)}. Each context also carries
 * a new id under which the partition is handed out.
 */
class RowRangePartitioner implements Partitioner {

    static final String PARTITION_ID = "partition.id";
    static final String INDEX = "partition.index";
    static final String FIRST_ROW = "partition.first-row";
    static final String ROW_COUNT = "partition.row-count";

    private final long rows;

    /** @param rows the dataset version's number of data rows */
    RowRangePartitioner(long rows) {
        this.rows = rows;
    }

    /** The name of partition {@code index}, as the suffix of its step execution's name. */
    static String name(int index) {
        return "partition" + index;
    }

    @Override
    public Map<String, ExecutionContext> partition(int partitions) {
        Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
        for (int i = 0; i < partitions; i++) {
            long first = firstRow(i, partitions);
            ExecutionContext context = new ExecutionContext();
            context.putString(PARTITION_ID, UUID.randomUUID().toString());
            context.putInt(INDEX, i);
            context.putLong(FIRST_ROW, first);
            context.putLong(ROW_COUNT, firstRow(i + 1, partitions) - first);
            contexts.put(name(i), context);
        }
        return contexts;
    }

    private long firstRow(int index, int partitions) {
        return rows * index / partitions;
    }
}
