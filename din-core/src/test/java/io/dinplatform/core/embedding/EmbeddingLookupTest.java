package io.dinplatform.core.embedding;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.model.EmbeddedBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddingLookupTest {

    private final EncodedDataset data = TinyDatasets.generate(40, 5, 12, 4, 3);
    private final int[] rows = IntStream.range(0, 16).toArray();
    private NDManager manager;
    private EmbeddingTables tables;

    @BeforeEach
    void createTables() {
        manager = NDManager.newBaseManager();
        tables = EmbeddingTables.create(manager, data.schema(), data.vocabularies(), 4, 11);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void assemblerPadsToTheLongestHistoryAndMasksThePadding() {
        BatchAssembler assembler = BatchAssembler.forSchema(data.schema(), 16);
        IndexBatch batch = assembler.assemble(data, rows, 0, 16);
        SequenceColumn items = data.sequences().get("hist_item_id");
        int longest = IntStream.of(rows).map(items::length).max().orElseThrow();
        assertThat(batch.historyLength()).isEqualTo(longest);
        try (NDManager step = manager.newSubManager()) {
            long[] ids = batch.history("hist_item_id", step).toLongArray();
            float[] mask = batch.mask(step).toFloatArray();
            for (int i = 0; i < 16; i++) {
                for (int t = 0; t < longest; t++) {
                    boolean real = t < items.length(rows[i]);
                    assertThat(mask[i * longest + t]).isEqualTo(real ? 1f : 0f);
                    assertThat(ids[i * longest + t]).isEqualTo(real ? items.values()[items.start(rows[i]) + t] : 0);
                }
            }
            assertThat(batch.labels(step).toFloatArray()[3]).isEqualTo(data.labels()[3]);
        }
    }

    @Test
    void aFixedLengthShorterThanAHistoryKeepsItsNewestItems() {
        BatchAssembler assembler = new BatchAssembler(data.schema(), HistoryPadding.fixed(2), 16);
        IndexBatch batch = assembler.assemble(data, rows, 0, 16);
        SequenceColumn items = data.sequences().get("hist_item_id");
        int row = IntStream.of(rows).filter(r -> items.length(r) >= 3).findFirst().orElseThrow();
        try (NDManager step = manager.newSubManager()) {
            long[] ids = batch.history("hist_item_id", step).toLongArray();
            int end = items.start(row) + items.length(row);
            assertThat(new long[] {ids[row * 2], ids[row * 2 + 1]})
                    .containsExactly(items.values()[end - 2], items.values()[end - 1]);
        }
    }

    @Test
    void inferenceLookupReadsTheTablesRowsInTheSharedLayout() {
        IndexBatch batch = BatchAssembler.forSchema(data.schema(), 16).assemble(data, rows, 0, 16);
        try (NDManager step = manager.newSubManager()) {
            EmbeddedBatch embedded = new EmbeddingLookup(tables).lookup(batch, step);
            int d = tables.dimension();
            int t = batch.historyLength();
            assertThat(embedded.profile().getShape().getShape()).containsExactly(16, d);
            assertThat(embedded.candidate().getShape().getShape()).containsExactly(16, 2 * d);
            assertThat(embedded.history().getShape().getShape()).containsExactly(16, t, 2 * d);
            assertThat(embedded.numeric().getShape().getShape()).containsExactly(16, 1);
            float[] items = tables.table("item_id").toFloatArray();
            float[] candidate = embedded.candidate().toFloatArray();
            float[] history = embedded.history().toFloatArray();
            int item = data.categorical().get("item_id")[rows[5]];
            for (int k = 0; k < d; k++) {
                assertThat(candidate[5 * 2 * d + k]).isEqualTo(items[item * d + k]);
            }
            SequenceColumn hist = data.sequences().get("hist_item_id");
            int row = IntStream.of(rows).filter(r -> hist.length(r) > 0).findFirst().orElseThrow();
            int first = hist.values()[hist.start(row)];
            for (int k = 0; k < d; k++) {
                assertThat(history[(row * t) * 2 * d + k]).isEqualTo(items[first * d + k]);
            }
            assertThat(embedded.history().getManager()).isSameAs(step);
        }
    }

    @Test
    void sparseLookupGivesTheSameEmbeddingsAndOneGradientRowPerDistinctId() {
        IndexBatch batch = BatchAssembler.forSchema(data.schema(), 16).assemble(data, rows, 0, 16);
        try (NDManager step = manager.newSubManager()) {
            EmbeddedBatch plain = new EmbeddingLookup(tables).lookup(batch, step);
            SparseEmbeddingLookup sparse = new SparseEmbeddingLookup(tables, 16, 6);
            TouchedRows items;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                SparseEmbedding result = sparse.lookup(batch, step);
                EmbeddedBatch embedded = result.batch();
                assertThat(embedded.candidate().toFloatArray()).containsExactly(plain.candidate().toFloatArray());
                assertThat(embedded.history().toFloatArray()).containsExactly(plain.history().toFloatArray());
                assertThat(embedded.profile().toFloatArray()).containsExactly(plain.profile().toFloatArray());
                NDArray loss = embedded.candidate().sum()
                        .add(embedded.history().mul(embedded.mask().expandDims(2)).sum());
                collector.backward(loss);
                items = result.touched().get(1);
            }
            assertThat(items.feature()).isEqualTo("item_id");
            // d(loss)/d(row j) = the number of unmasked occurrences of id j in the batch, in every component.
            Map<Long, Integer> occurrences = new HashMap<>();
            SequenceColumn hist = data.sequences().get("hist_item_id");
            for (int row : rows) {
                occurrences.merge((long) data.categorical().get("item_id")[row], 1, Integer::sum);
                for (int k = hist.start(row); k < hist.start(row) + hist.length(row); k++) {
                    occurrences.merge((long) hist.values()[k], 1, Integer::sum);
                }
            }
            long[] ids = items.ids().toLongArray();
            float[] gradient = items.gradient().toFloatArray();
            float[] inverseCounts = items.inverseCounts().toFloatArray();
            assertThat(ids).doesNotHaveDuplicates().doesNotContain(0L).hasSize(occurrences.size());
            for (int p = 0; p < ids.length; p++) {
                assertThat(gradient[p * tables.dimension()]).isEqualTo(occurrences.get(ids[p]).floatValue());
                long n = data.vocabularies().of("item_id").count((int) ids[p]);
                assertThat(inverseCounts[p]).isEqualTo(1f / Math.max(1, n));
            }
            assertThat(items.values().toFloatArray())
                    .containsExactly(tables.table("item_id").get(new ai.djl.ndarray.index.NDIndex("{}", items.ids()))
                            .toFloatArray());
        }
    }
}
