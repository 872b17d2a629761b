package io.dinplatform.core.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One mini-batch of indices, as {@link BatchAssembler} laid it out in its reusable native-order buffers.
 *
 * <p>The arrays this batch creates share those buffers on the CPU (no copy), so they, and this object, are valid
 * only until the assembler's next {@code assemble}: create them in a per-batch manager and close it before
 * assembling the next batch.
 */
public final class IndexBatch {

    private final int size;
    private final int historyLength;
    private final int numericWidth;
    private final Map<String, ByteBuffer> categorical;
    private final Map<String, ByteBuffer> history;
    private final ByteBuffer mask;
    private final ByteBuffer numeric;
    private final ByteBuffer labels;

    IndexBatch(int size, int historyLength, int numericWidth, Map<String, ByteBuffer> categorical,
               Map<String, ByteBuffer> history, ByteBuffer mask, ByteBuffer numeric, ByteBuffer labels) {
        this.size = size;
        this.historyLength = historyLength;
        this.numericWidth = numericWidth;
        this.categorical = categorical;
        this.history = history;
        this.mask = mask;
        this.numeric = numeric;
        this.labels = labels;
    }

    /** B: the number of rows. */
    public int size() {
        return size;
    }

    /** T: the padded history length of this batch. */
    public int historyLength() {
        return historyLength;
    }

    /** The ids of a categorical feature, B of them. */
    public LongBuffer categoricalIds(String feature) {
        return ids(categorical, feature, size);
    }

    /** The ids of a sequence feature, B·T of them, row-major, padded with 0. */
    public LongBuffer historyIds(String sequence) {
        return ids(history, sequence, size * historyLength);
    }

    /** (B) int64 indices of a categorical feature. */
    public NDArray categorical(String feature, NDManager manager) {
        return array(manager, buffer(categorical, feature), new Shape(size), DataType.INT64);
    }

    /** (B, T) int64 indices of a sequence feature, 0 at padded positions. */
    public NDArray history(String sequence, NDManager manager) {
        return array(manager, buffer(history, sequence), new Shape(size, historyLength), DataType.INT64);
    }

    /** (B, T) float32: 1 for a real history item, 0 for padding. */
    public NDArray mask(NDManager manager) {
        return array(manager, mask, new Shape(size, historyLength), DataType.FLOAT32);
    }

    /** (B, N) float32 numeric features, or null when the schema has none. */
    public NDArray numeric(NDManager manager) {
        return numericWidth == 0 ? null
                : array(manager, numeric, new Shape(size, numericWidth), DataType.FLOAT32);
    }

    /** (B) float32 labels, 0 or 1. */
    public NDArray labels(NDManager manager) {
        return array(manager, labels, new Shape(size), DataType.FLOAT32);
    }

    private static LongBuffer ids(Map<String, ByteBuffer> buffers, String feature, int count) {
        return buffer(buffers, feature).asLongBuffer().limit(count);
    }

    private static ByteBuffer buffer(Map<String, ByteBuffer> buffers, String feature) {
        ByteBuffer buffer = buffers.get(feature);
        if (buffer == null) {
            throw new NoSuchElementException("the batch has no feature " + feature);
        }
        return buffer;
    }

    private static NDArray array(NDManager manager, ByteBuffer buffer, Shape shape, DataType type) {
        if (shape.size() == 0) {
            return manager.create(shape, type); // an empty history axis: nothing to share
        }
        // The engine reads the buffer from its start; a view keeps the assembler's position untouched.
        ByteBuffer view = buffer.duplicate().clear().limit(Math.toIntExact(shape.size()) * type.getNumOfBytes());
        return manager.create(view, shape, type);
    }
}
