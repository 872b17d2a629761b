package io.dinplatform.core.data.shard;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ShuffledEpochTest {

    private static final FeatureSchema SCHEMA = new FeatureSchema("label", "user_id", null, null,
            List.of(FeatureSpec.numeric("row")));
    private static final int ROWS = 999; // 27 shards of 37
    private static final int ROWS_PER_SHARD = 37;

    /** A TRAIN split whose numeric feature is the row number, cut into shards of 37 rows. */
    private final ShardedDataset data = ShardedDataset.inMemory(numbered(ROWS), ROWS_PER_SHARD);
    private final Prefetcher prefetcher = new Prefetcher();

    @AfterEach
    void close() {
        prefetcher.close();
    }

    @Test
    void anEpochIsAPermutationOfTheSplit() {
        List<Integer> order = read(7, 0, 100, 0, 64);
        assertThat(order).hasSize(ROWS);
        assertThat(new HashSet<>(order)).hasSize(ROWS);
        assertThat(order).isNotEqualTo(IntStream.range(0, ROWS).boxed().toList());
    }

    @Test
    void theOrderIsAFunctionOfTheSeedAndTheEpoch() {
        List<Integer> order = read(7, 0, 100, 0, 64);
        assertThat(read(7, 0, 100, 0, 64)).isEqualTo(order);
        assertThat(read(8, 0, 100, 0, 64)).isNotEqualTo(order);
        assertThat(read(7, 1, 100, 0, 64)).isNotEqualTo(order);
    }

    @Test
    void rowsAreShuffledWithinABoundedWindowOfWholeShards() {
        // A buffer of 100 rows holds two shards of 37: each run of 74 rows comes from exactly two shards.
        List<Integer> order = read(7, 0, 100, 0, 64);
        for (int from = 0; from + 74 <= ROWS; from += 74) {
            Set<Integer> shards = new HashSet<>();
            order.subList(from, from + 74).forEach(row -> shards.add(row / ROWS_PER_SHARD));
            assertThat(shards).as("rows %d to %d", from, from + 74).hasSize(2);
        }
    }

    @Test
    void anEpochStartedAtARowContinuesTheSameOrder() {
        List<Integer> whole = read(7, 3, 100, 0, 32);
        for (int start : new int[] {32, 64, 96, 128, 480, 960}) {
            assertThat(read(7, 3, 100, start, 32)).as("from row %d", start).isEqualTo(whole.subList(start, ROWS));
        }
    }

    @Test
    void batchesCrossWindowsAndTheLastOneIsShort() {
        try (ShuffledEpoch epoch = new ShuffledEpoch(data, Split.TRAIN, 7, 0, 100, 0, prefetcher)) {
            List<Integer> sizes = new ArrayList<>();
            for (ShuffledEpoch.Batch batch = epoch.next(300); batch.size() > 0; batch = epoch.next(300)) {
                sizes.add(batch.size());
            }
            assertThat(sizes).containsExactly(300, 300, 300, 99);
        }
    }

    private List<Integer> read(long seed, int epochIndex, int buffer, int startRow, int batchSize) {
        List<Integer> rows = new ArrayList<>();
        try (ShuffledEpoch epoch = new ShuffledEpoch(data, Split.TRAIN, seed, epochIndex, buffer, startRow,
                prefetcher)) {
            for (ShuffledEpoch.Batch batch = epoch.next(batchSize); batch.size() > 0; batch = epoch.next(batchSize)) {
                float[] numbers = batch.data().numeric().get("row");
                for (int i = batch.from(); i < batch.to(); i++) {
                    rows.add((int) numbers[batch.rows()[i]]);
                }
            }
        }
        return rows;
    }

    static EncodedDataset numbered(int rows) {
        float[] numbers = new float[rows];
        for (int r = 0; r < rows; r++) {
            numbers[r] = r;
        }
        return new EncodedDataset(SCHEMA, new Vocabularies(Map.of()), new float[rows], new int[rows],
                new byte[rows], Map.of(), Map.of(), Map.of("row", numbers));
    }
}
