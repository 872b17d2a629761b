package io.dinplatform.worker.scoring;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Partitions as contiguous ranges of whole chunks, in row order, covering every row once. */
class RowRangePartitionerTest {

    @Test
    void partitionsAreWholeChunksInRowOrderAndCoverEveryRowOnce() {
        List<ExecutionContext> partitions = partition(4300, 1024, 3);

        assertThat(partitions).extracting(c -> c.getLong(RowRangePartitioner.FIRST_ROW))
                .containsExactly(0L, 1024L, 3072L);
        assertThat(partitions).extracting(c -> c.getLong(RowRangePartitioner.ROW_COUNT))
                .containsExactly(1024L, 2048L, 1228L);
        assertThat(partitions).extracting(c -> c.getInt(RowRangePartitioner.INDEX)).containsExactly(0, 1, 2);
        assertThat(partitions).extracting(c -> c.getString(RowRangePartitioner.PARTITION_ID)).doesNotHaveDuplicates();
    }

    @Test
    void partitionsBeyondTheChunksAreEmpty() {
        List<ExecutionContext> partitions = partition(100, 64, 4);

        assertThat(partitions).extracting(c -> c.getLong(RowRangePartitioner.ROW_COUNT))
                .containsExactly(0L, 64L, 0L, 36L);
        assertThat(partitions).extracting(c -> c.getLong(RowRangePartitioner.FIRST_ROW))
                .containsExactly(0L, 0L, 64L, 64L);
    }

    @Test
    void onePartitionIsTheWholeDataset() {
        assertThat(partition(4300, 1024, 1)).singleElement().satisfies(c -> {
            assertThat(c.getLong(RowRangePartitioner.FIRST_ROW)).isZero();
            assertThat(c.getLong(RowRangePartitioner.ROW_COUNT)).isEqualTo(4300);
        });
    }

    private static List<ExecutionContext> partition(long rows, int chunkSize, int partitions) {
        return List.copyOf(new RowRangePartitioner(rows, chunkSize).partition(partitions).values());
    }
}
