package io.dinplatform.core.embedding;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out rows of an {@link EncodedDataset} as one {@link IndexBatch}, in native buffers allocated once and reused
 * for every batch.
 *
 * <p>Why reuse: a fresh {@code manager.create(long[])} per batch allocates a direct buffer that only the garbage
 * collector frees, and a training run's resident memory then climbs by hundreds of megabytes. An assembler is
 * therefore stateful and not thread-safe: use one per thread, and let each batch's arrays die (close their
 * manager) before the next {@link #assemble}.
 */
public final class BatchAssembler {

    private final FeatureSchema schema;
    private final HistoryPadding padding;
    private final int maxBatchSize;
    private final List<String> categoricalFeatures;
    private final List<String> sequenceFeatures;
    private final List<String> numericFeatures;
    private final Map<String, ByteBuffer> categorical = new LinkedHashMap<>();
    private final Map<String, ByteBuffer> history = new LinkedHashMap<>();
    private final ByteBuffer mask;
    private final ByteBuffer numeric;
    private final ByteBuffer labels;

    /**
     * @param padding      how the history axis is sized; its length bounds the buffers
     * @param maxBatchSize the largest batch this assembler will lay out
     */
    public BatchAssembler(FeatureSchema schema, HistoryPadding padding, int maxBatchSize) {
        if (maxBatchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + maxBatchSize);
        }
        this.schema = schema;
        this.padding = padding;
        this.maxBatchSize = maxBatchSize;
        this.categoricalFeatures = schema.categorical().stream().map(FeatureSpec::name).toList();
        this.sequenceFeatures = schema.sequences().stream().map(FeatureSpec::name).toList();
        this.numericFeatures = schema.numeric().stream().map(FeatureSpec::name).toList();
        int historyCells = Math.multiplyExact(maxBatchSize, padding.length());
        categoricalFeatures.forEach(f -> categorical.put(f, allocate(maxBatchSize, Long.BYTES)));
        sequenceFeatures.forEach(f -> history.put(f, allocate(historyCells, Long.BYTES)));
        this.mask = allocate(historyCells, Float.BYTES);
        this.numeric = allocate(maxBatchSize * numericFeatures.size(), Float.BYTES);
        this.labels = allocate(maxBatchSize, Float.BYTES);
    }

    /** The schema's own padding: the longest history of the batch, capped at the schema's {@code maxLength}. */
    public static BatchAssembler forSchema(FeatureSchema schema, int maxBatchSize) {
        return new BatchAssembler(schema, HistoryPadding.longestInBatch(schema.maxHistoryLength()), maxBatchSize);
    }

    public FeatureSchema schema() {
        return schema;
    }

    public int maxBatchSize() {
        return maxBatchSize;
    }

    /**
     * Lays out {@code rows[from..to)} of the dataset. The result is valid until the next call.
     *
     * @throws IllegalArgumentException when the range is larger than the assembler's batch size
     */
    public IndexBatch assemble(EncodedDataset data, int[] rows, int from, int to) {
        int size = to - from;
        if (size <= 0 || size > maxBatchSize) {
            throw new IllegalArgumentException("a batch holds 1 to " + maxBatchSize + " rows, asked for " + size);
        }
        int length = padding.lengthFor(longestHistory(data, rows, from, to));
        for (int i = 0; i < size; i++) {
            int row = rows[from + i];
            writeScalars(data, row, i);
            writeHistory(data, row, i, length);
        }
        return new IndexBatch(size, length, numericFeatures.size(), categorical, history, mask, numeric, labels);
    }

    private void writeScalars(EncodedDataset data, int row, int i) {
        for (String feature : categoricalFeatures) {
            categorical.get(feature).putLong(i * Long.BYTES, column(data, feature)[row]);
        }
        for (int n = 0; n < numericFeatures.size(); n++) {
            float[] values = data.numeric().get(numericFeatures.get(n));
            numeric.putFloat((i * numericFeatures.size() + n) * Float.BYTES, values[row]);
        }
        labels.putFloat(i * Float.BYTES, data.labels()[row]);
    }

    /** Keeps the newest {@code length} items, oldest first, then pads with index 0 and mask 0. */
    private void writeHistory(EncodedDataset data, int row, int i, int length) {
        int realLength = 0;
        for (String sequence : sequenceFeatures) {
            SequenceColumn column = data.sequences().get(sequence);
            int kept = Math.min(column.length(row), length);
            int first = column.start(row) + column.length(row) - kept;
            ByteBuffer ids = history.get(sequence);
            for (int t = 0; t < length; t++) {
                long id = t < kept ? column.values()[first + t] : Vocabulary.PADDING;
                ids.putLong((i * length + t) * Long.BYTES, id);
            }
            realLength = Math.max(realLength, kept);
        }
        for (int t = 0; t < length; t++) {
            mask.putFloat((i * length + t) * Float.BYTES, t < realLength ? 1f : 0f);
        }
    }

    private int longestHistory(EncodedDataset data, int[] rows, int from, int to) {
        int longest = 0;
        for (String sequence : sequenceFeatures) {
            SequenceColumn column = data.sequences().get(sequence);
            for (int r = from; r < to; r++) {
                longest = Math.max(longest, column.length(rows[r]));
            }
        }
        return longest;
    }

    private static int[] column(EncodedDataset data, String feature) {
        int[] values = data.categorical().get(feature);
        if (values == null) {
            throw new IllegalArgumentException("the dataset has no column for categorical feature " + feature);
        }
        return values;
    }

    private static ByteBuffer allocate(int count, int bytes) {
        return ByteBuffer.allocateDirect(Math.max(1, count) * bytes).order(ByteOrder.nativeOrder());
    }
}
