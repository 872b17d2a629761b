package io.dinplatform.core.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.dinplatform.core.model.EmbeddedBatch;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training lookup, row-sparse: per table it gathers only the distinct rows the mini-batch uses into a per-batch
 * gradient leaf and reads the batch's embeddings from that leaf through the inverse index. Backward then yields
 * one gradient row per distinct id (duplicates summed), which the optimizer applies to those rows alone, so the
 * cost of a step depends on the batch, never on the vocabulary.
 *
 * <p>Must run inside a gradient collector (the reads from the leaf are recorded). Stateful (reused buffers): one
 * instance per training loop.
 */
public final class SparseEmbeddingLookup {

    private final EmbeddingTables tables;
    private final EmbeddingLayout layout;
    private final FeatureSchema schema;
    private final Map<String, UniqueIds> uniqueIds = new LinkedHashMap<>();
    private final Map<String, ByteBuffer> inverse = new HashMap<>();
    private final Map<String, ByteBuffer> inverseCounts = new HashMap<>();
    private final Map<String, List<FeatureSpec>> sequencesByTarget = new HashMap<>();

    /**
     * @param maxBatchSize     the largest batch
     * @param maxHistoryLength the longest padded history
     */
    public SparseEmbeddingLookup(EmbeddingTables tables, int maxBatchSize, int maxHistoryLength) {
        this.tables = tables;
        this.schema = tables.schema();
        this.layout = new EmbeddingLayout(schema, tables.dimension());
        int historyCells = maxBatchSize * maxHistoryLength;
        for (FeatureSpec feature : schema.categorical()) {
            List<FeatureSpec> sequences = schema.sequences().stream()
                    .filter(s -> s.target().equals(feature.name())).toList();
            sequencesByTarget.put(feature.name(), sequences);
            int capacity = Math.toIntExact(1 + maxBatchSize + (long) sequences.size() * historyCells);
            uniqueIds.put(feature.name(), new UniqueIds(Math.toIntExact(tables.rows(feature.name())), capacity));
            inverseCounts.put(feature.name(), allocate(capacity, Float.BYTES));
            inverse.put(feature.name(), allocate(maxBatchSize, Long.BYTES));
        }
        schema.sequences().forEach(s -> inverse.put(s.name(), allocate(Math.max(1, historyCells), Long.BYTES)));
    }

    /**
     * @param batch   the indices
     * @param manager a per-batch manager: the gathered rows and everything derived from them live there
     */
    public SparseEmbedding lookup(IndexBatch batch, NDManager manager) {
        Map<String, NDArray> categorical = new HashMap<>();
        Map<String, NDArray> history = new HashMap<>();
        List<TouchedRows> touched = new ArrayList<>();
        for (FeatureSpec feature : schema.categorical()) {
            String name = feature.name();
            List<FeatureSpec> sequences = sequencesByTarget.get(name);
            UniqueIds unique = deduplicate(batch, name, sequences);
            TouchedRows rows = gather(name, unique, manager);
            touched.add(rows);
            categorical.put(name, read(rows, inverseArray(name, new Shape(batch.size()), manager)));
            for (FeatureSpec sequence : sequences) {
                Shape shape = new Shape(batch.size(), batch.historyLength());
                history.put(sequence.name(), read(rows, inverseArray(sequence.name(), shape, manager)));
            }
        }
        EmbeddedBatch embedded = layout.compose(batch, categorical, history, manager);
        return new SparseEmbedding(embedded, touched);
    }

    /** Fills the table's unique ids and the inverse index of its feature and of the sequences that target it. */
    private UniqueIds deduplicate(IndexBatch batch, String feature, List<FeatureSpec> sequences) {
        UniqueIds unique = uniqueIds.get(feature);
        unique.reset();
        writeInverse(unique, batch.categoricalIds(feature), inverse.get(feature));
        for (FeatureSpec sequence : sequences) {
            writeInverse(unique, batch.historyIds(sequence.name()), inverse.get(sequence.name()));
        }
        return unique;
    }

    private static void writeInverse(UniqueIds unique, LongBuffer ids, ByteBuffer positions) {
        int n = ids.limit();
        for (int i = 0; i < n; i++) {
            positions.putLong(i * Long.BYTES, unique.positionOf(ids.get(i)));
        }
    }

    private TouchedRows gather(String feature, UniqueIds unique, NDManager manager) {
        int count = unique.count();
        RowStateTable table = tables.rowStateTable(feature);
        NDArray allIds = manager.create(unique.all(), new Shape(count), DataType.INT64);
        NDArray gathered = table.gatherValues(allIds, manager);
        gathered.setRequiresGradient(true);
        NDArray ids = count > 1
                ? manager.create(unique.withoutPadding(), new Shape(count - 1), DataType.INT64)
                : manager.create(new Shape(0), DataType.INT64);
        return new TouchedRows(feature, table, gathered, ids, inverseCountArray(feature, unique, manager));
    }

    private NDArray inverseCountArray(String feature, UniqueIds unique, NDManager manager) {
        long[] counts = tables.counts(feature);
        ByteBuffer values = inverseCounts.get(feature);
        int rows = unique.count() - 1;
        for (int p = 0; p < rows; p++) {
            long n = counts[(int) unique.id(p + 1)];
            values.putFloat(p * Float.BYTES, 1f / Math.max(1L, n));
        }
        if (rows == 0) {
            return manager.create(new Shape(0, 1), DataType.FLOAT32);
        }
        return manager.create(values.duplicate().clear().limit(rows * Float.BYTES), new Shape(rows, 1),
                DataType.FLOAT32);
    }

    private NDArray inverseArray(String feature, Shape shape, NDManager manager) {
        if (shape.size() == 0) {
            return manager.create(shape, DataType.INT64);
        }
        ByteBuffer view = inverse.get(feature).duplicate().clear().limit(Math.toIntExact(shape.size()) * Long.BYTES);
        return manager.create(view, shape, DataType.INT64);
    }

    /** The batch's embeddings as a differentiable read of the gathered rows (backward sums duplicates). */
    private static NDArray read(TouchedRows rows, NDArray positions) {
        return rows.gathered().get(new NDIndex("{}", positions));
    }

    private static ByteBuffer allocate(int count, int bytes) {
        return ByteBuffer.allocateDirect(Math.max(1, count) * bytes).order(ByteOrder.nativeOrder());
    }
}
