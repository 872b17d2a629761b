package io.dinplatform.core.data.shard;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.encode.DatasetEncoder;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
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
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The shard format is Arrow IPC as {@link ShardCodec} documents it: a plain Arrow reader reads its columns, and every
 * way a shard's bytes can be wrong is refused by the codec's own checks, naming the shard, even when the bytes hash
 * to the address the manifest lists (so the manifest's hash cannot have caught it).
 */
class ArrowShardFormatTest {

    private static final String SHARD = "shard 1 of 1 of the TRAIN split";

    @TempDir
    Path directory;

    private EncodedDataset shard;

    @BeforeEach
    void encode() throws IOException {
        Path samples = ShardRoundTripTest.writeSamples(directory.resolve("samples.csv"), 400, 11);
        EncodedDataset data = new DatasetEncoder(ShardRoundTripTest.SCHEMA).encode(samples);
        int[] train = data.rowsOf(Split.TRAIN);
        shard = data.select(train, 0, 100);
    }

    @Test
    void everyFeatureKindReadsBackExactly() throws IOException {
        EncodedDataset read = throughStore(ShardCodec.write(shard));

        ShardRoundTripTest.assertSameRows(read, shard, "the shard");
        assertThat(read.size()).isEqualTo(100);
    }

    @Test
    void aPlainArrowReaderReadsTheDocumentedColumns() throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
             ArrowFileReader reader = new ArrowFileReader(
                     new ByteArrayReadableSeekableByteChannel(ShardCodec.write(shard)), allocator)) {
            assertThat(reader.getRecordBlocks()).hasSize(1);
            assertThat(reader.loadNextBatch()).isTrue();
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            Schema schema = root.getSchema();

            assertThat(schema.getFields()).extracting(Field::getName).containsExactly("$label", "$group", "user_id",
                    "item_id", "cate_id", "hist_item_id", "hist_cate_id", "price");
            assertThat(schema.getFields()).extracting(Field::getType).containsExactly(new ArrowType.Int(8, true),
                    new ArrowType.Int(32, true), new ArrowType.Int(32, true), new ArrowType.Int(32, true),
                    new ArrowType.Int(32, true), ArrowType.List.INSTANCE, ArrowType.List.INSTANCE,
                    new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
            assertThat(schema.getFields()).noneMatch(Field::isNullable);
            assertThat(schema.findField("hist_item_id").getChildren().get(0).getType())
                    .isEqualTo(new ArrowType.Int(32, true));
            assertThat(schema.findField("hist_item_id").getMetadata())
                    .containsEntry("din.feature.kind", "SEQUENCE").containsEntry("din.feature.target", "item_id");
            assertThat(schema.findField("price").getMetadata()).containsEntry("din.feature.kind", "NUMERIC");
            assertThat(schema.getCustomMetadata()).containsEntry("din.shard.format", "2")
                    .containsEntry("din.shard.rows", "100");
            assertThat(root.getRowCount()).isEqualTo(100);

            TinyIntVector labels = (TinyIntVector) root.getVector("$label");
            IntVector items = (IntVector) root.getVector("item_id");
            ListVector histories = (ListVector) root.getVector("hist_item_id");
            Float4Vector prices = (Float4Vector) root.getVector("price");
            SequenceColumn expectedHistories = shard.sequences().get("hist_item_id");
            for (int r = 0; r < 100; r++) {
                assertThat((float) labels.get(r)).isEqualTo(shard.labels()[r]);
                assertThat(items.get(r)).isEqualTo(shard.categorical().get("item_id")[r]);
                assertThat(histories.getObject(r)).isEqualTo(Arrays.stream(expectedHistories.values(),
                        expectedHistories.offsets()[r], expectedHistories.offsets()[r + 1]).boxed().toList());
                assertThat(prices.get(r)).isEqualTo(shard.numeric().get("price")[r]);
            }
        }
    }

    @Test
    void aTruncatedFileIsRefused() {
        byte[] bytes = ShardCodec.write(shard);

        assertRefused(Arrays.copyOf(bytes, bytes.length / 2), "not an Arrow IPC file");
    }

    @Test
    void aFlippedByteInAnIndexColumnIsRefused() {
        byte[] bytes = ShardCodec.write(shard);
        int at = indexOf(bytes, littleEndian(Arrays.copyOf(shard.categorical().get("item_id"), 12)));
        bytes[at + 3] ^= 0x40; // the high byte of the first row's index

        assertRefused(bytes, "column item_id holds index " + (shard.categorical().get("item_id")[0] + (1 << 30))
                + " outside its vocabulary of " + shard.vocabularies().of("item_id").size());
    }

    @Test
    void aFlippedByteInAnOffsetsBufferIsRefused() {
        byte[] bytes = ShardCodec.write(shard);
        int[] offsets = shard.sequences().get("hist_item_id").offsets();
        int at = indexOf(bytes, littleEndian(Arrays.copyOf(offsets, 12)));
        bytes[at + 3 * Integer.BYTES + 3] ^= 0x40; // the third row's end: the fourth row starts before it

        assertRefused(bytes, "the offsets of hist_item_id decrease");
    }

    @Test
    void aColumnOfAnotherTypeIsRefused() throws IOException {
        byte[] bytes = rewrite(ShardCodec.write(shard), (fields, vectors, allocator) -> {
            int price = fields.size() - 1;
            Float4Vector single = (Float4Vector) vectors.get(price);
            Field field = new Field("price", new FieldType(false,
                    new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), null, fields.get(price).getMetadata()),
                    List.of());
            Float8Vector doubles = (Float8Vector) field.createVector(allocator);
            for (int r = 0; r < single.getValueCount(); r++) {
                doubles.setSafe(r, single.get(r));
            }
            doubles.setValueCount(single.getValueCount());
            fields.set(price, field);
            vectors.set(price, doubles);
        });

        assertRefused(bytes, "column 8 is price: FloatingPoint(DOUBLE) not null, expected price: "
                + "FloatingPoint(SINGLE) not null");
    }

    @Test
    void aMissingColumnIsRefused() throws IOException {
        byte[] bytes = rewrite(ShardCodec.write(shard), (fields, vectors, allocator) -> {
            fields.remove(fields.size() - 1);
            vectors.remove(vectors.size() - 1);
        });

        assertRefused(bytes, "column price is missing (the file has 7 columns)");
    }

    @Test
    void anIndexOutsideTheVocabularyIsRefused() throws IOException {
        int size = shard.vocabularies().of("cate_id").size();
        byte[] bytes = rewrite(ShardCodec.write(shard), (fields, vectors, allocator) ->
                ((IntVector) vectors.get(4)).set(7, size));

        assertRefused(bytes, "column cate_id holds index " + size + " outside its vocabulary of " + size);
    }

    @Test
    void decreasingOffsetsAreRefused() throws IOException {
        int[] offsets = shard.sequences().get("hist_cate_id").offsets();
        byte[] bytes = rewrite(ShardCodec.write(shard), (fields, vectors, allocator) ->
                ((ListVector) vectors.get(6)).getOffsetBuffer().setInt(Integer.BYTES, offsets[2] + 1));

        assertRefused(bytes, "the offsets of hist_cate_id decrease");
    }

    @Test
    void aLabelOtherThanZeroOrOneIsRefused() throws IOException {
        byte[] bytes = rewrite(ShardCodec.write(shard), (fields, vectors, allocator) ->
                ((TinyIntVector) vectors.get(0)).set(3, 2));

        assertRefused(bytes, "a label is 2, not 0 or 1");
    }

    @Test
    void aShardOfAnotherFormatVersionIsRefused() throws IOException {
        byte[] bytes = rewrite(ShardCodec.write(shard), (fields, vectors, allocator) -> { }, Map.of(
                "din.shard.format", "1", "din.shard.rows", "100"));

        assertRefused(bytes, "its format version is 1, not 2");
    }

    @Test
    void metadataThatMiscountsTheRowsIsRefused() throws IOException {
        byte[] bytes = rewrite(ShardCodec.write(shard), (fields, vectors, allocator) -> { }, Map.of(
                "din.shard.format", "2", "din.shard.rows", "99"));

        assertRefused(bytes, "its record batch holds 100 rows, its metadata says 99");
    }

    /**
     * Whatever single byte of a shard is changed, and wherever it is cut, reading it either gives rows that pass
     * every check or fails with {@link InvalidShardException}: no Arrow exception, no error from a length field that
     * lies, and no memory left behind.
     */
    @Test
    void everyDamagedByteIsDecodedOrRefusedNeverThrownThrough() {
        EncodedDataset small = shard.select(IntStream.range(0, 100).toArray(), 0, 6);
        byte[] bytes = ShardCodec.write(small);
        for (int at = 0; at < bytes.length; at++) {
            for (int flip : new int[] {0x01, 0x80}) {
                byte[] damaged = bytes.clone();
                damaged[at] ^= (byte) flip;
                decodesOrIsRefused(damaged, "byte " + at + " ^ " + flip);
            }
        }
        for (int length = 0; length < bytes.length; length++) {
            int cut = length;
            assertThatThrownBy(() -> read(Arrays.copyOf(bytes, cut))).as("cut to %d bytes", cut)
                    .isInstanceOf(InvalidShardException.class);
        }
        assertThat(ArrowMemory.allocatedBytes()).as("Arrow memory still held").isZero();
    }

    private void decodesOrIsRefused(byte[] damaged, String what) {
        try {
            assertThat(read(damaged).size()).as(what).isEqualTo(6);
        } catch (InvalidShardException refused) {
            assertThat(refused.getMessage()).as(what).isNotBlank();
        } catch (RuntimeException | Error e) {
            fail(what + " threw " + e, e);
        }
    }

    private EncodedDataset read(byte[] bytes) throws InvalidShardException {
        return ShardCodec.read(bytes, Split.TRAIN, ShardRoundTripTest.SCHEMA, shard.vocabularies());
    }

    /** Reads the bytes the way training does, from a store under their own hash: only the codec can refuse them. */
    private EncodedDataset throughStore(byte[] bytes) throws IOException {
        ShardStore store = new DirectoryShardStore(directory.resolve("shards"));
        String vocabularies = StoredShards.writeVocabularies(shard.vocabularies(), store);
        ShardManifest manifest = new ShardManifest("key", 100, vocabularies,
                Map.of(Split.TRAIN, List.of(new ShardRef(store.write(bytes), shard.size()))));
        return StoredShards.open(ShardRoundTripTest.SCHEMA, manifest, store).shard(Split.TRAIN, 0);
    }

    private void assertRefused(byte[] bytes, String problem) {
        assertThatThrownBy(() -> throughStore(bytes))
                .isInstanceOf(InvalidShardException.class)
                .hasMessageContaining(SHARD)
                .hasMessageContaining("does not decode")
                .hasMessageContaining(problem);
    }

    /** A change to the columns of a shard, made with Arrow's own vectors. */
    @FunctionalInterface
    private interface Change {
        void apply(List<Field> fields, List<FieldVector> vectors, BufferAllocator allocator);
    }

    private static byte[] rewrite(byte[] shard, Change change) throws IOException {
        return rewrite(shard, change, null);
    }

    /** The shard read with a plain Arrow reader, changed, and written again as an Arrow IPC file. */
    private static byte[] rewrite(byte[] shard, Change change, Map<String, String> metadata) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
             ArrowFileReader reader = new ArrowFileReader(new ByteArrayReadableSeekableByteChannel(shard),
                     allocator)) {
            reader.loadNextBatch();
            VectorSchemaRoot original = reader.getVectorSchemaRoot();
            List<Field> fields = new ArrayList<>(original.getSchema().getFields());
            List<FieldVector> vectors = new ArrayList<>(original.getFieldVectors());
            change.apply(fields, vectors, allocator);
            List<FieldVector> added = new ArrayList<>(vectors);
            added.removeAll(original.getFieldVectors());
            try {
                VectorSchemaRoot changed = new VectorSchemaRoot(new Schema(fields,
                        metadata != null ? metadata : original.getSchema().getCustomMetadata()), vectors,
                        original.getRowCount());
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (ArrowFileWriter writer = new ArrowFileWriter(changed, null, Channels.newChannel(out))) {
                    writer.start();
                    writer.writeBatch();
                    writer.end();
                }
                return out.toByteArray();
            } finally {
                added.forEach(FieldVector::close);
            }
        }
    }

    private static byte[] littleEndian(int[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asIntBuffer().put(values);
        return buffer.array();
    }

    /** Where a pattern first occurs in the bytes (the test fails when it is not there). */
    private static int indexOf(byte[] bytes, byte[] pattern) {
        for (int at = 0; at + pattern.length <= bytes.length; at++) {
            if (Arrays.equals(bytes, at, at + pattern.length, pattern, 0, pattern.length)) {
                return at;
            }
        }
        return fail("the column's bytes are not in the file");
    }
}
