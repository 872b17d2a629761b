package io.dinplatform.worker.scoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a dataset version's rows into contiguous ranges, one per partition, in row order, made of whole chunks of
 * the scoring step: over {@code C} chunks of {@code chunkSize} rows (the last one possibly shorter), partition
 * {@code i} of {@code P} starts at chunk {@code floor(i C / P)}. Each context also carries a new id under which the
 * partition is handed out.
 *
 * <p>Whole chunks make the result independent of the partition count to the last bit: every forward pass scores
 * exactly the rows it scores with one partition, and a row's score may differ in its last bits with the other rows
 * of its batch (the batch's histories are padded to its longest, and the engine's kernels sum in an order that
 * depends on the shapes).
 */
class RowRangePartitioner implements Partitioner {

    static final String PARTITION_ID = "partition.id";
    static final String INDEX = "partition.index";
    static final String FIRST_ROW = "partition.first-row";
    static final String ROW_COUNT = "partition.row-count";

    private final long rows;
    private final int chunkSize;

    /**
     * @param rows      the dataset version's number of data rows
     * @param chunkSize the rows of one chunk of the scoring step
     */
    RowRangePartitioner(long rows, int chunkSize) {
        this.rows = rows;
        this.chunkSize = chunkSize;
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
        long chunks = (rows + chunkSize - 1) / chunkSize;
        return Math.min(rows, chunks * index / partitions * chunkSize);
    }
}
