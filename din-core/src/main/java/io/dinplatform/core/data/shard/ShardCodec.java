package io.dinplatform.core.data.shard;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of one shard: the rows of one split as little-endian primitive columns in the schema's feature order,
 * written and read with bulk buffer copies (docs/architecture.md, "Decisions", says why not Arrow IPC).
 *
 * <pre>
 * int magic "DINS", int version, int rows, int categorical, int sequences, int numeric
 * byte  label[rows]                      0 or 1
 * int   group[rows]                      dense group id (the whole dataset's numbering)
 * int   categorical[rows]                per categorical feature, its vocabulary index
 * int   offsets[rows + 1], int values[offsets[rows]]   per sequence feature (CSR, oldest first)
 * float numeric[rows]                    per numeric feature
 * </pre>
 *
 * Reading checks everything a damaged shard could break (counts, offsets, index ranges, the exact length), so a
 * shard that does not decode fails with {@link InvalidShardException} instead of training on garbage.
 */
public final class ShardCodec {

    static final int MAGIC = 0x44494E53; // "DINS"
    static final int VERSION = 1;
    private static final int HEADER_BYTES = 6 * Integer.BYTES;

    private ShardCodec() {
    }

    /** The shard's bytes; the dataset's split column is not written (a shard holds one split). */
    public static byte[] write(EncodedDataset shard) {
        FeatureSchema schema = shard.schema();
        int rows = shard.size();
        long size = HEADER_BYTES + rows + (long) rows * Integer.BYTES;
        size += (long) schema.categorical().size() * rows * Integer.BYTES;
        for (FeatureSpec feature : schema.sequences()) {
            size += (long) (rows + 1 + shard.sequences().get(feature.name()).values().length) * Integer.BYTES;
        }
        size += (long) schema.numeric().size() * rows * Float.BYTES;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a shard of " + rows + " rows would exceed 2 GiB: use smaller shards");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putInt(VERSION).putInt(rows)
                .putInt(schema.categorical().size()).putInt(schema.sequences().size()).putInt(schema.numeric().size());
        for (float label : shard.labels()) {
            out.put((byte) label);
        }
        putInts(out, shard.groups());
        for (FeatureSpec feature : schema.categorical()) {
            putInts(out, shard.categorical().get(feature.name()));
        }
        for (FeatureSpec feature : schema.sequences()) {
            SequenceColumn column = shard.sequences().get(feature.name());
            putInts(out, column.offsets());
            putInts(out, column.values());
        }
        for (FeatureSpec feature : schema.numeric()) {
            float[] values = shard.numeric().get(feature.name());
            out.asFloatBuffer().put(values);
            out.position(out.position() + values.length * Float.BYTES);
        }
        return out.array();
    }

    /**
     * Decodes a shard of one split.
     *
     * @throws InvalidShardException when the bytes are truncated, too long, or do not fit the schema and vocabularies
     */
    public static EncodedDataset read(byte[] bytes, Split split, FeatureSchema schema, Vocabularies vocabularies)
            throws InvalidShardException {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            int rows = header(in, schema);
            float[] labels = new float[rows];
            for (int r = 0; r < rows; r++) {
                byte label = in.get();
                if (label != 0 && label != 1) {
                    throw new InvalidShardException("a label is " + label + ", not 0 or 1");
                }
                labels[r] = label;
            }
            int[] groups = ints(in, rows);
            check(Arrays.stream(groups).allMatch(g -> g >= 0), "a group id is negative");
            Map<String, int[]> categorical = new LinkedHashMap<>();
            for (FeatureSpec feature : schema.categorical()) {
                int[] column = ints(in, rows);
                checkIndices(column, vocabularies.of(feature.name()).size(), feature.name());
                categorical.put(feature.name(), column);
            }
            Map<String, SequenceColumn> sequences = new LinkedHashMap<>();
            for (FeatureSpec feature : schema.sequences()) {
                int[] offsets = ints(in, rows + 1);
                check(offsets[0] == 0, "the offsets of " + feature.name() + " do not start at 0");
                for (int r = 0; r < rows; r++) {
                    if (offsets[r + 1] < offsets[r]) {
                        throw new InvalidShardException("the offsets of " + feature.name() + " decrease");
                    }
                }
                int[] values = ints(in, offsets[rows]);
                checkIndices(values, vocabularies.of(feature.target()).size(), feature.name());
                sequences.put(feature.name(), new SequenceColumn(offsets, values));
            }
            Map<String, float[]> numeric = new LinkedHashMap<>();
            for (FeatureSpec feature : schema.numeric()) {
                float[] values = new float[rows];
                in.asFloatBuffer().get(values);
                in.position(in.position() + rows * Float.BYTES);
                numeric.put(feature.name(), values);
            }
            check(!in.hasRemaining(), in.remaining() + " bytes follow the last column");
            byte[] splits = new byte[rows];
            Arrays.fill(splits, (byte) split.ordinal());
            return new EncodedDataset(schema, vocabularies, labels, groups, splits, categorical, sequences, numeric);
        } catch (BufferUnderflowException e) {
            throw new InvalidShardException("the shard is truncated: it ends inside its columns ("
                    + bytes.length + " bytes)");
        }
    }

    private static int header(ByteBuffer in, FeatureSchema schema) throws InvalidShardException {
        if (in.remaining() < HEADER_BYTES || in.getInt() != MAGIC) {
            throw new InvalidShardException("not a shard (bad magic number or shorter than its header)");
        }
        int version = in.getInt();
        check(version == VERSION, "unsupported shard version " + version);
        int rows = in.getInt();
        check(rows >= 0, "a negative row count");
        List<Integer> counts = List.of(in.getInt(), in.getInt(), in.getInt());
        List<Integer> expected = List.of(schema.categorical().size(), schema.sequences().size(),
                schema.numeric().size());
        check(counts.equals(expected), "its columns " + counts + " do not match the schema's " + expected);
        return rows;
    }

    private static void putInts(ByteBuffer out, int[] values) {
        out.asIntBuffer().put(values);
        out.position(out.position() + values.length * Integer.BYTES);
    }

    private static int[] ints(ByteBuffer in, int count) throws InvalidShardException {
        check(count >= 0 && (long) count * Integer.BYTES <= in.remaining(),
                "the shard is truncated: a column of " + count + " values does not fit in what is left");
        int[] values = new int[count];
        in.asIntBuffer().get(values);
        in.position(in.position() + count * Integer.BYTES);
        return values;
    }

    /** Checks every index (the message is built only for a bad one: this loop runs over every value read). */
    private static void checkIndices(int[] indices, int tableSize, String feature) throws InvalidShardException {
        for (int index : indices) {
            if (index < 0 || index >= tableSize) {
                throw new InvalidShardException("feature " + feature + " holds index " + index
                        + " outside its vocabulary of " + tableSize);
            }
        }
    }

    private static void check(boolean condition, String problem) throws InvalidShardException {
        if (!condition) {
            throw new InvalidShardException(problem);
        }
    }
}
