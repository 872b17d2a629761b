package io.dinplatform.tools.bench;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A shard as an Arrow IPC file (one record batch): the columns {@code ShardCodec} writes, with Arrow types: the label
 * an int8, the group and each categorical feature an int32, each history a list&lt;int32&gt; (Arrow's own offsets
 * and values), each number a float32. Columns are filled and read with bulk copies of their buffers, as
 * {@code ShardCodec} copies its own, so the comparison is one of formats rather than of per-value calls.
 */
final class ArrowShards {

    private static final String LABEL = "label";
    private static final String GROUP = "group";

    private final FeatureSchema schema;
    private final BufferAllocator allocator;
    private final Schema arrowSchema;

    ArrowShards(FeatureSchema schema, BufferAllocator allocator) {
        this.schema = schema;
        this.allocator = allocator;
        this.arrowSchema = arrowSchema(schema);
    }

    private static Schema arrowSchema(FeatureSchema schema) {
        ArrowType int32 = new ArrowType.Int(32, true);
        List<Field> fields = new ArrayList<>();
        fields.add(Field.notNullable(LABEL, new ArrowType.Int(8, true)));
        fields.add(Field.notNullable(GROUP, int32));
        schema.categorical().forEach(f -> fields.add(Field.notNullable(f.name(), int32)));
        schema.sequences().forEach(f -> fields.add(new Field(f.name(), FieldType.notNullable(ArrowType.List.INSTANCE),
                List.of(Field.notNullable("item", int32)))));
        schema.numeric().forEach(f -> fields.add(Field.notNullable(f.name(),
                new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE))));
        return new Schema(fields);
    }

    /** Writes the shard as one record batch of an Arrow IPC file; returns the file's bytes. */
    long write(EncodedDataset shard, Path file) throws IOException {
        int rows = shard.size();
        try (VectorSchemaRoot root = VectorSchemaRoot.create(arrowSchema, allocator);
             FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING);
             ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
            TinyIntVector labels = (TinyIntVector) root.getVector(LABEL);
            labels.allocateNew(rows);
            byte[] labelBytes = new byte[rows];
            for (int r = 0; r < rows; r++) {
                labelBytes[r] = (byte) shard.labels()[r];
            }
            labels.getDataBuffer().setBytes(0, labelBytes);
            finish(labels, rows);
            putInts((IntVector) root.getVector(GROUP), shard.groups());
            for (FeatureSpec feature : schema.categorical()) {
                putInts((IntVector) root.getVector(feature.name()), shard.categorical().get(feature.name()));
            }
            for (FeatureSpec feature : schema.sequences()) {
                putList((ListVector) root.getVector(feature.name()), shard.sequences().get(feature.name()));
            }
            for (FeatureSpec feature : schema.numeric()) {
                Float4Vector vector = (Float4Vector) root.getVector(feature.name());
                float[] values = shard.numeric().get(feature.name());
                vector.allocateNew(values.length);
                vector.getDataBuffer().nioBuffer(0, values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN)
                        .asFloatBuffer().put(values);
                finish(vector, values.length);
            }
            root.setRowCount(rows);
            writer.start();
            writer.writeBatch();
            writer.end();
            return channel.size();
        }
    }

    /** Reads a file {@link #write} wrote back into the arrays a training batch is assembled from. */
    EncodedDataset read(Path file, Split split, Vocabularies vocabularies) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
            reader.loadNextBatch();
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            int rows = root.getRowCount();
            byte[] labelBytes = new byte[rows];
            ((TinyIntVector) root.getVector(LABEL)).getDataBuffer().getBytes(0, labelBytes);
            float[] labels = new float[rows];
            for (int r = 0; r < rows; r++) {
                labels[r] = labelBytes[r];
            }
            int[] groups = ints(((IntVector) root.getVector(GROUP)).getDataBuffer(), rows);
            Map<String, int[]> categorical = new LinkedHashMap<>();
            for (FeatureSpec feature : schema.categorical()) {
                categorical.put(feature.name(), ints(((IntVector) root.getVector(feature.name())).getDataBuffer(),
                        rows));
            }
            Map<String, SequenceColumn> sequences = new LinkedHashMap<>();
            for (FeatureSpec feature : schema.sequences()) {
                ListVector list = (ListVector) root.getVector(feature.name());
                int[] offsets = ints(list.getOffsetBuffer(), rows + 1);
                int[] values = ints(((IntVector) list.getDataVector()).getDataBuffer(), offsets[rows]);
                sequences.put(feature.name(), new SequenceColumn(offsets, values));
            }
            Map<String, float[]> numeric = new LinkedHashMap<>();
            for (FeatureSpec feature : schema.numeric()) {
                float[] values = new float[rows];
                ((Float4Vector) root.getVector(feature.name())).getDataBuffer().nioBuffer(0, rows * Float.BYTES)
                        .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
                numeric.put(feature.name(), values);
            }
            byte[] splits = new byte[rows];
            Arrays.fill(splits, (byte) split.ordinal());
            return new EncodedDataset(schema, vocabularies, labels, groups, splits, categorical, sequences, numeric);
        }
    }

    private static void putInts(IntVector vector, int[] values) {
        vector.allocateNew(values.length);
        vector.getDataBuffer().nioBuffer(0, values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .asIntBuffer().put(values);
        finish(vector, values.length);
    }

    private static void putList(ListVector list, SequenceColumn column) {
        int rows = column.rows();
        list.setInitialCapacity(rows);
        list.allocateNew();
        while (list.getValueCapacity() < rows) {
            list.reAlloc();
        }
        list.getOffsetBuffer().nioBuffer(0, (rows + 1) * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .asIntBuffer().put(column.offsets());
        list.getValidityBuffer().setOne(0, validityBytes(rows));
        putInts((IntVector) list.getDataVector(), column.values());
        list.setLastSet(rows - 1);
        list.setValueCount(rows);
    }

    /** Every value set (the columns have no nulls) and the count set. */
    private static void finish(BaseFixedWidthVector vector, int count) {
        vector.getValidityBuffer().setOne(0, validityBytes(count));
        vector.setValueCount(count);
    }

    private static long validityBytes(int count) {
        return (count + 7) / 8;
    }

    private static int[] ints(ArrowBuf buffer, int count) {
        int[] values = new int[count];
        buffer.nioBuffer(0, count * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(values);
        return values;
    }
}
