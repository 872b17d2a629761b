package io.dinplatform.core.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * One embedding table per categorical feature, (vocabulary size, dimension) floats in a long-lived manager.
 *
 * <p>Sequence features own no table: {@code hist_item_id} is looked up in the table of {@code item_id}
 * (docs/architecture.md, 'The model'). The tables never require gradients themselves. Training gathers the rows a
 * mini-batch touches into a per-batch leaf and writes the updated rows back ({@link SparseEmbeddingLookup}); serving
 * reads them with a plain lookup ({@link EmbeddingLookup}).
 *
 * <p>Training also keeps its optimizer's per-row state here, beside each row's value ({@link #reserveRowState},
 * {@link RowStateTable}), so that a sparse step reads and writes a row with one access instead of one per array.
 * {@link #table} and {@link #tables} always give the (V, d) values alone, a view when state is kept: everything
 * outside training (bundles, serving, evaluation) sees plain value tables.
 *
 * <p>Initialisation: every row but the padding row is drawn from N(0, {@value #INIT_STDDEV}²) by a
 * {@link SplittableRandom} seeded by the seed and the feature name, so a table does not change when another feature
 * is added. The padding row ({@link Vocabulary#PADDING}) is zero and is never updated.
 */
public final class EmbeddingTables implements AutoCloseable {

    /** Small enough that the first attention scores are near zero, large enough to break symmetry. */
    public static final double INIT_STDDEV = 0.05;

    private static final int FORMAT_MAGIC = 0x44494E45; // "DINE"
    private static final int FORMAT_VERSION = 1;

    private final NDManager manager;
    private final FeatureSchema schema;
    private final int dimension;
    private final Map<String, RowStateTable> rowStateTables;
    private final Map<String, NDArray> valueTables = new LinkedHashMap<>();
    private final Map<String, long[]> counts;

    private EmbeddingTables(NDManager manager, FeatureSchema schema, int dimension,
                            Map<String, RowStateTable> rowStateTables, Map<String, long[]> counts) {
        this.manager = manager;
        this.schema = schema;
        this.dimension = dimension;
        this.rowStateTables = rowStateTables;
        this.counts = Collections.unmodifiableMap(counts);
        rowStateTables.forEach((feature, table) -> valueTables.put(feature, table.values()));
    }

    /**
     * Creates seeded tables for every categorical feature of the schema.
     *
     * @param parent       the manager whose device the tables live on; the tables own a sub-manager of it
     * @param vocabularies one per categorical feature; their sizes give the tables' rows, their counts n_j
     * @param dimension    the embedding width of every feature
     * @param seed         the initialisation seed
     */
    public static EmbeddingTables create(NDManager parent, FeatureSchema schema, Vocabularies vocabularies,
                                         int dimension, long seed) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("embedding dimension must be positive, got " + dimension);
        }
        NDManager manager = parent.newSubManager();
        Map<String, RowStateTable> tables = new LinkedHashMap<>();
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (FeatureSpec feature : schema.categorical()) {
            Vocabulary vocabulary = vocabularies.of(feature.name());
            tables.put(feature.name(), RowStateTable.of(
                    initialTable(manager, feature.name(), vocabulary.size(), dimension, seed)));
            counts.put(feature.name(), vocabulary.counts());
        }
        return new EmbeddingTables(manager, schema, dimension, tables, counts);
    }

    public FeatureSchema schema() {
        return schema;
    }

    public int dimension() {
        return dimension;
    }

    /** The (V, d) values of the table of a categorical feature, or of the feature a sequence targets. */
    public NDArray table(String feature) {
        return rowStateTable(feature).values();
    }

    /** The value tables by categorical feature, in schema order (read-only; the arrays are live). */
    public Map<String, NDArray> tables() {
        return Collections.unmodifiableMap(valueTables);
    }

    /** The table of a categorical feature, or of the feature a sequence targets, with its per-row state. */
    public RowStateTable rowStateTable(String feature) {
        RowStateTable table = rowStateTables.get(feature);
        if (table != null) {
            return table;
        }
        return schema.feature(feature)
                .filter(f -> f.target() != null)
                .map(f -> rowStateTables.get(f.target()))
                .orElseThrow(() -> new NoSuchElementException("no embedding table for feature " + feature));
    }

    /**
     * Gives every row of every table room for {@code slots} optimizer state vectors of width d beside its value,
     * all zero: a training loop calls it once, before its first step, with its optimizer's slot count. Values are
     * kept; any earlier state is dropped. The arrays are replaced, so callers must ask {@link #table} and
     * {@link #rowStateTable} again afterwards.
     */
    public void reserveRowState(int slots) {
        rowStateTables.replaceAll((feature, table) -> {
            RowStateTable widened = table.withStateSlots(slots);
            table.close();
            valueTables.put(feature, widened.values());
            return widened;
        });
    }

    /** n_j: the training samples in which each index of a categorical feature's vocabulary occurs. */
    long[] counts(String feature) {
        return counts.get(feature);
    }

    /** Rows of a feature's table (its vocabulary size). */
    public long rows(String feature) {
        return table(feature).getShape().get(0);
    }

    /** Width of {@code EmbeddedBatch.profile}: one embedding per profile or context feature. */
    public int profileWidth() {
        return schema.profileAndContext().size() * dimension;
    }

    /** Width of an item vector ({@code EmbeddedBatch.candidate} and each history position). */
    public int itemWidth() {
        return schema.sequences().size() * dimension;
    }

    /** Width of {@code EmbeddedBatch.numeric}. */
    public int numericWidth() {
        return schema.numeric().size();
    }

    public NDManager manager() {
        return manager;
    }

    /** Writes every table, by feature name, as raw values (reading them back is bit-exact). */
    public void writeTo(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(FORMAT_MAGIC);
        data.writeInt(FORMAT_VERSION);
        data.writeInt(valueTables.size());
        for (Map.Entry<String, NDArray> entry : valueTables.entrySet()) { // a view encodes as a contiguous copy
            byte[] encoded = entry.getValue().encode();
            data.writeUTF(entry.getKey());
            data.writeInt(encoded.length);
            data.write(encoded);
        }
        data.flush();
    }

    /** Copies saved tables into these ones; names, shapes and types must match exactly. */
    public void readFrom(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != FORMAT_MAGIC) {
            throw new IOException("not an embedding table file (bad magic number)");
        }
        int version = data.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("unsupported embedding table file version " + version);
        }
        int count = data.readInt();
        if (count != valueTables.size()) {
            throw new IOException("file holds " + count + " embedding tables, the model has " + valueTables.size());
        }
        try (NDManager scratch = manager.newSubManager()) {
            for (int i = 0; i < count; i++) {
                String name = data.readUTF();
                byte[] encoded = new byte[data.readInt()];
                data.readFully(encoded);
                NDArray target = valueTables.get(name);
                if (target == null) {
                    throw new IOException("file holds an embedding table for '" + name + "', which the model lacks");
                }
                copyInto(target, NDArray.decode(scratch, encoded), name);
            }
        }
    }

    /** Copies every table of another instance with the same layout into this one. */
    public void copyFrom(EmbeddingTables other) {
        if (!other.valueTables.keySet().equals(valueTables.keySet())) {
            throw new IllegalArgumentException("embedding tables differ: " + other.valueTables.keySet() + " vs "
                    + valueTables.keySet());
        }
        other.valueTables.forEach((name, source) -> copyInto(valueTables.get(name), source, name));
    }

    @Override
    public void close() {
        manager.close();
    }

    private static void copyInto(NDArray target, NDArray source, String name) {
        if (!target.getShape().equals(source.getShape()) || target.getDataType() != source.getDataType()) {
            throw new IllegalArgumentException("embedding table '" + name + "' is " + source.getDataType()
                    + source.getShape() + " but the model expects " + target.getDataType() + target.getShape());
        }
        // A bit-exact copy into the target's own memory: set(Buffer) would give the target new storage instead,
        // which would cut a value view off the rows it belongs to.
        target.set(new NDIndex(":"), source);
    }

    private static NDArray initialTable(NDManager manager, String feature, int rows, int dimension, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + feature.hashCode());
        float[] values = new float[Math.multiplyExact(rows, dimension)];
        for (int i = dimension; i < values.length; i++) { // row 0, the padding row, stays zero
            values[i] = (float) (random.nextGaussian() * INIT_STDDEV);
        }
        NDArray table = manager.create(values, new Shape(rows, dimension));
        table.setName("embedding." + feature);
        return table;
    }
}
