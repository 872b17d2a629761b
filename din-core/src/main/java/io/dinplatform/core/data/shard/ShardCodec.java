package io.dinplatform.core.data.shard;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of one shard: the rows of one split as an Arrow IPC file (the random-access "file" format, magic
 * {@code ARROW1}, readable by any Arrow implementation, e.g. {@code pyarrow.ipc.open_file}) holding exactly one
 * record batch, uncompressed, no dictionaries, little-endian. Its columns, in this order, none nullable:
 *
 * <pre>
 * $label        int8                 0 or 1
 * $group        int32                dense group id (the whole dataset's numbering)
 * per categorical feature, named after it:   int32, its vocabulary index
 * per sequence feature, named after it:      list&lt;item: int32&gt;, vocabulary indices of its target, oldest first
 * per numeric feature, named after it:       float32
 * </pre>
 *
 * Features keep the schema's order within their kind. Every feature column carries the field metadata
 * {@code din.feature.kind} (CATEGORICAL, SEQUENCE, NUMERIC), a sequence also {@code din.feature.target}; the schema
 * carries {@code din.shard.format} ({@link #VERSION}) and {@code din.shard.rows}. The file format rather than the
 * stream format because its footer locates the record batch and closes the file with a second magic number: a file
 * cut short anywhere is refused before any buffer is read.
 *
 * <p>Columns are filled and read with bulk buffer copies ({@link ArrowBuffers}). Reading checks everything a damaged
 * shard could break before a row is used: the magic numbers and the footer, exactly one record batch lying inside the
 * file, every column present in order with its type and metadata, the format version, the row count of the metadata,
 * of the batch and of every column, no nulls, every buffer long enough, labels 0 or 1, group ids not negative, every
 * index within its vocabulary, offsets starting at 0, never decreasing and ending at the values' count. Anything else
 * wrong, whatever Arrow throws on it, is an {@link InvalidShardException} too, and a length field that lies cannot
 * make the reader allocate more than twice the file's size (the allocator's limit).
 */
public final class ShardCodec {

    /** The version of this layout; version 1 was a home-made layout of primitive columns. */
    public static final int VERSION = 2;

    /** What may precede the length of an encapsulated Arrow IPC message. */
    private static final int CONTINUATION_MARKER = 0xFFFFFFFF;

    /** Room for Arrow's rounding of each allocation, above the file's own size. */
    private static final long ALLOCATION_SLACK = 1 << 20;

    private ShardCodec() {
    }

    /**
     * The shard's bytes; the dataset's split column is not written (a shard holds one split).
     *
     * @throws IllegalArgumentException when a feature is named like one of the shard's own columns
     * @throws IllegalStateException    when Arrow cannot use its memory (a JVM flag missing: {@link ArrowMemory})
     */
    public static byte[] write(EncodedDataset shard) {
        FeatureSchema schema = shard.schema();
        int rows = shard.size();
        try (BufferAllocator allocator = ArrowMemory.allocator("writing a shard", Long.MAX_VALUE);
             VectorSchemaRoot root = VectorSchemaRoot.create(ShardLayout.of(schema).schema(rows), allocator)) {
            byte[] labels = new byte[rows];
            for (int r = 0; r < rows; r++) {
                labels[r] = (byte) shard.labels()[r];
            }
            ArrowBuffers.putBytes((TinyIntVector) root.getVector(ShardLayout.LABEL), labels);
            ArrowBuffers.putInts((IntVector) root.getVector(ShardLayout.GROUP), shard.groups());
            for (FeatureSpec feature : schema.categorical()) {
                ArrowBuffers.putInts((IntVector) root.getVector(feature.name()),
                        shard.categorical().get(feature.name()));
            }
            for (FeatureSpec feature : schema.sequences()) {
                SequenceColumn column = shard.sequences().get(feature.name());
                ArrowBuffers.putList((ListVector) root.getVector(feature.name()), column.offsets(), column.values());
            }
            for (FeatureSpec feature : schema.numeric()) {
                ArrowBuffers.putFloats((Float4Vector) root.getVector(feature.name()),
                        shard.numeric().get(feature.name()));
            }
            root.setRowCount(rows);
            return fileOf(root);
        }
    }

    private static byte[] fileOf(VectorSchemaRoot root) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArrowFileWriter writer = new ArrowFileWriter(root, null, Channels.newChannel(out))) {
            writer.start();
            writer.writeBatch();
            writer.end();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes a shard of one split.
     *
     * @throws InvalidShardException when the bytes are not an Arrow IPC file of this layout, or do not fit the
     *                               schema and vocabularies
     * @throws IllegalStateException when Arrow cannot use its memory (a JVM flag missing: {@link ArrowMemory})
     */
    public static EncodedDataset read(byte[] bytes, Split split, FeatureSchema schema, Vocabularies vocabularies)
            throws InvalidShardException {
        ShardLayout layout = ShardLayout.of(schema);
        try (BufferAllocator allocator = ArrowMemory.allocator("reading a shard",
                2L * bytes.length + ALLOCATION_SLACK)) {
            return read(bytes, allocator, layout, split, schema, vocabularies);
        }
    }

    private static EncodedDataset read(byte[] bytes, BufferAllocator allocator, ShardLayout layout, Split split,
            FeatureSchema schema, Vocabularies vocabularies) throws InvalidShardException {
        try (ArrowFileReader reader = new ArrowFileReader(new ByteArrayReadableSeekableByteChannel(bytes), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            int rows = layout.verify(root.getSchema());
            List<ArrowBlock> batches = reader.getRecordBlocks();
            check(batches.size() == 1, "it holds " + batches.size() + " record batches, not 1");
            try (ArrowRecordBatch batch = recordBatch(bytes, batches.get(0), allocator)) {
                new VectorLoader(root).load(batch);
            }
            check(root.getRowCount() == rows, "its record batch holds " + root.getRowCount()
                    + " rows, its metadata says " + rows);
            return decode(root, rows, split, schema, vocabularies);
        } catch (InvalidShardException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // Arrow's own checks (magic numbers, footer, message lengths, buffer counts, the allocator's limit) and
            // whatever a damaged flatbuffer makes it throw: all of it means that these bytes are not a shard.
            throw new InvalidShardException("not an Arrow IPC file of this layout (" + bytes.length + " bytes): "
                    + e);
        }
    }

    /**
     * The record batch a footer's block locates, its body copied into memory this method owns until the batch holds
     * it: Arrow's own file reader allocates the block and loses that memory when the batch's metadata is damaged.
     * The block must lie inside the file and hold an encapsulated message (an optional continuation marker, the
     * metadata's length, the metadata) whose header is a record batch, all checked before anything is allocated.
     */
    private static ArrowRecordBatch recordBatch(byte[] bytes, ArrowBlock block, BufferAllocator allocator)
            throws IOException {
        long bodyStart = block.getOffset() + block.getMetadataLength();
        check(block.getOffset() >= 0 && block.getMetadataLength() >= 8 && block.getBodyLength() >= 0
                        && bodyStart + block.getBodyLength() <= bytes.length,
                "its record batch of " + block.getMetadataLength() + " + " + block.getBodyLength()
                        + " bytes at offset " + block.getOffset() + " lies outside the file");
        ByteBuffer metadata = ByteBuffer.wrap(bytes, (int) block.getOffset(), block.getMetadataLength()).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        int prefix = metadata.getInt(0) == CONTINUATION_MARKER ? 2 * Integer.BYTES : Integer.BYTES;
        Message message = Message.getRootAsMessage(metadata.position(prefix).slice().order(ByteOrder.LITTLE_ENDIAN));
        check(message.headerType() == MessageHeader.RecordBatch, "its record batch's block holds a message of type "
                + message.headerType());
        ArrowBuf body = allocator.buffer(block.getBodyLength());
        try {
            body.setBytes(0, bytes, (int) bodyStart, block.getBodyLength());
            body.getReferenceManager().retain(); // the batch, once made, drops one reference: this method's is kept
            try {
                return MessageSerializer.deserializeRecordBatch(message, body);
            } catch (IOException | RuntimeException e) {
                body.getReferenceManager().release();
                throw e;
            }
        } finally {
            body.close();
        }
    }

    private static EncodedDataset decode(VectorSchemaRoot root, int rows, Split split, FeatureSchema schema,
            Vocabularies vocabularies) throws InvalidShardException {
        float[] labels = labels((TinyIntVector) root.getVector(ShardLayout.LABEL), rows);
        int[] groups = indices((IntVector) root.getVector(ShardLayout.GROUP), rows, Integer.MAX_VALUE);
        Map<String, int[]> categorical = new LinkedHashMap<>();
        for (FeatureSpec feature : schema.categorical()) {
            categorical.put(feature.name(), indices((IntVector) root.getVector(feature.name()), rows,
                    vocabularies.of(feature.name()).size()));
        }
        Map<String, SequenceColumn> sequences = new LinkedHashMap<>();
        for (FeatureSpec feature : schema.sequences()) {
            sequences.put(feature.name(), sequence((ListVector) root.getVector(feature.name()), rows,
                    vocabularies.of(feature.target()).size()));
        }
        Map<String, float[]> numeric = new LinkedHashMap<>();
        for (FeatureSpec feature : schema.numeric()) {
            Float4Vector vector = (Float4Vector) root.getVector(feature.name());
            ArrowBuffers.requireValues(vector, rows, feature.name());
            numeric.put(feature.name(), ArrowBuffers.floats(vector, rows, feature.name()));
        }
        byte[] splits = new byte[rows];
        Arrays.fill(splits, (byte) split.ordinal());
        return new EncodedDataset(schema, vocabularies, labels, groups, splits, categorical, sequences, numeric);
    }

    private static float[] labels(TinyIntVector vector, int rows) throws InvalidShardException {
        ArrowBuffers.requireValues(vector, rows, ShardLayout.LABEL);
        byte[] bytes = ArrowBuffers.bytes(vector, rows, ShardLayout.LABEL);
        float[] labels = new float[rows];
        for (int r = 0; r < rows; r++) {
            byte label = bytes[r];
            if (label != 0 && label != 1) {
                throw new InvalidShardException("a label is " + label + ", not 0 or 1");
            }
            labels[r] = label;
        }
        return labels;
    }

    /** An int32 column whose every value lies in [0, tableSize). */
    private static int[] indices(IntVector vector, int rows, int tableSize) throws InvalidShardException {
        String column = vector.getName();
        ArrowBuffers.requireValues(vector, rows, column);
        int[] values = ArrowBuffers.ints(vector.getDataBuffer(), rows, column);
        checkIndices(values, tableSize, column);
        return values;
    }

    private static SequenceColumn sequence(ListVector list, int rows, int tableSize) throws InvalidShardException {
        String column = list.getName();
        ArrowBuffers.requireValues(list, rows, column);
        int[] offsets = ArrowBuffers.ints(list.getOffsetBuffer(), rows + 1, column + "'s offsets");
        check(offsets[0] == 0, "the offsets of " + column + " do not start at 0");
        for (int r = 0; r < rows; r++) {
            if (offsets[r + 1] < offsets[r]) {
                throw new InvalidShardException("the offsets of " + column + " decrease");
            }
        }
        IntVector items = (IntVector) list.getDataVector();
        check(offsets[rows] == items.getValueCount(), "the offsets of " + column + " end at " + offsets[rows]
                + ", its values are " + items.getValueCount());
        ArrowBuffers.requireValues(items, offsets[rows], column + "'s values");
        int[] values = ArrowBuffers.ints(items.getDataBuffer(), offsets[rows], column + "'s values");
        checkIndices(values, tableSize, column);
        return new SequenceColumn(offsets, values);
    }

    /** Checks every index (the message is built only for a bad one: this loop runs over every value read). */
    private static void checkIndices(int[] indices, int tableSize, String column) throws InvalidShardException {
        for (int index : indices) {
            if (index < 0 || index >= tableSize) {
                throw new InvalidShardException("column " + column + " holds index " + index
                        + (tableSize == Integer.MAX_VALUE ? "" : " outside its vocabulary of " + tableSize));
            }
        }
    }

    private static void check(boolean condition, String problem) throws InvalidShardException {
        if (!condition) {
            throw new InvalidShardException(problem);
        }
    }
}
