package io.dinplatform.core.data.encode;

import io.dinplatform.core.data.GroupSplitter;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.data.samples.SampleRow;
import io.dinplatform.core.data.samples.SamplesReader;
import io.dinplatform.core.data.samples.SamplesSource;
import io.dinplatform.core.data.samples.SequenceCell;
import io.dinplatform.core.data.shard.ShardCodec;
import io.dinplatform.core.data.shard.ShardManifest;
import io.dinplatform.core.data.shard.ShardRef;
import io.dinplatform.core.data.shard.ShardStore;
import io.dinplatform.core.data.shard.StoredShards;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.core.schema.FeatureSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Encodes a samples file into shards in a {@link ShardStore}, holding at most one shard per split of encoded rows:
 * the indices {@link DatasetEncoder} would give, for files larger than memory.
 *
 * <p>Two passes over the file. The first counts: every raw value gets a provisional id and its training rows are
 * counted ({@link VocabularyBuilder}), and nothing per row is kept, so its memory is bounded by the number of
 * distinct values, not of rows. The vocabularies are then built exactly as the one-pass encoder builds them. The
 * second pass looks every value up again and writes final indices straight into the current shard of the row's
 * split, so no column of ids is ever held twice; the vocabularies are stored before it starts and not kept, so no
 * value is held twice either (the builders find them, a map of ints gives their final indices). A shard is written (and its rows dropped) as soon as it holds
 * {@code rowsPerShard} rows.
 */
public final class ShardedDatasetEncoder {

    private final FeatureSchema schema;
    private final GroupSplitter splitter;
    private final int rowsPerShard;

    public ShardedDatasetEncoder(FeatureSchema schema, GroupSplitter splitter, int rowsPerShard) {
        if (rowsPerShard < 1) {
            throw new IllegalArgumentException("rows per shard must be positive, got " + rowsPerShard);
        }
        this.schema = schema;
        this.splitter = splitter;
        this.rowsPerShard = rowsPerShard;
    }

    public ShardedDatasetEncoder(FeatureSchema schema, int rowsPerShard) {
        this(schema, GroupSplitter.DEFAULT, rowsPerShard);
    }

    /**
     * The encoding key of a samples file: equal keys give equal shards. It hashes everything the shards depend on:
     * the file's SHA-256, the schema (features, vocabulary minimum counts, history lengths, split column), the
     * group split, the shard size and the shard format ({@link ShardCodec#VERSION}: shards of another layout are
     * never found under this key, so they are encoded again rather than read as this layout).
     */
    public String key(String samplesSha256) {
        String settings = String.join("\n", "din-shards/" + ShardCodec.VERSION, samplesSha256,
                FeatureSchemaJson.toJson(schema), splitter.toString(), Integer.toString(rowsPerShard));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(settings.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Encodes the file (plain or gzipped samples CSV, or Parquet) into the store and returns the manifest of what it
     * wrote; the caller stores the manifest itself.
     *
     * @param key the encoding key to record ({@link #key})
     * @throws io.dinplatform.core.data.DataFormatException when a row is bad (found in the first pass, before any
     *                                                      shard is written)
     */
    public ShardManifest encode(Path samples, String key, ShardStore store) throws IOException {
        return encode((reader, consumer) -> reader.read(samples, consumer), key, store);
    }

    /**
     * Encodes the samples files of a source, read in order as one file, into the store (see
     * {@link #encode(Path, String, ShardStore)}). Each pass reads every part to its end.
     */
    public ShardManifest encode(SamplesSource samples, String key, ShardStore store) throws IOException {
        return encode((reader, consumer) -> reader.read(samples, consumer), key, store);
    }

    private ShardManifest encode(Pass pass, String key, ShardStore store) throws IOException {
        SamplesReader reader = new SamplesReader(schema, splitter);
        Tables tables = new Tables(schema);
        pass.read(reader, tables::count);
        Map<String, int[]> finalIndices = new LinkedHashMap<>();
        String vocabulariesSha256 = storeVocabularies(tables.build(), finalIndices, store);

        Writer writer = new Writer(tables, finalIndices, store);
        try {
            pass.read(reader, writer);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new ShardManifest(key, rowsPerShard, vocabulariesSha256, writer.finish());
    }

    /**
     * Stores the vocabularies and keeps only the final index of each provisional id, which is all the second pass
     * needs: while it runs, the values are held once (by the builders, which find them), not twice.
     */
    private static String storeVocabularies(Map<String, VocabularyBuilder.Encoding> encodings,
                                            Map<String, int[]> finalIndices, ShardStore store) throws IOException {
        Map<String, Vocabulary> vocabularies = new LinkedHashMap<>();
        encodings.forEach((feature, encoding) -> {
            vocabularies.put(feature, encoding.vocabulary());
            finalIndices.put(feature, encoding.finalIndex());
        });
        return StoredShards.writeVocabularies(new Vocabularies(vocabularies), store);
    }

    /** One pass of the reader over every row of the samples. */
    @FunctionalInterface
    private interface Pass {
        void read(SamplesReader reader, Consumer<SampleRow> consumer) throws IOException;
    }

    /** One {@link VocabularyBuilder} per embedding table, looked up per feature. */
    private static final class Tables {

        private final FeatureSchema schema;
        private final Map<String, VocabularyBuilder> byTable = new LinkedHashMap<>();
        private final VocabularyBuilder[] categorical;
        private final VocabularyBuilder[] sequences;
        private final int maxLength;

        Tables(FeatureSchema schema) {
            this.schema = schema;
            this.maxLength = schema.maxHistoryLength();
            schema.categorical().forEach(f -> byTable.put(f.name(), new VocabularyBuilder()));
            categorical = schema.categorical().stream().map(f -> byTable.get(f.name()))
                    .toArray(VocabularyBuilder[]::new);
            sequences = schema.sequences().stream().map(f -> byTable.get(f.target()))
                    .toArray(VocabularyBuilder[]::new);
        }

        /** The first pass: counts the row's values (the newest {@code maxLength} of each history). */
        void count(SampleRow row) {
            boolean training = row.split() == Split.TRAIN;
            byTable.values().forEach(VocabularyBuilder::beginRow);
            for (int i = 0; i < categorical.length; i++) {
                categorical[i].intern(row.categorical()[i], training);
            }
            for (int i = 0; i < sequences.length; i++) {
                SequenceCell history = row.sequences()[i];
                for (int j = firstKept(history.length()); j < history.length(); j++) {
                    sequences[i].intern(history.text(), history.start(j), history.end(j), training);
                }
            }
        }

        int firstKept(int historyLength) {
            return Math.max(0, historyLength - maxLength);
        }

        Map<String, VocabularyBuilder.Encoding> build() {
            Map<String, VocabularyBuilder.Encoding> encodings = new LinkedHashMap<>();
            for (FeatureSpec feature : schema.categorical()) {
                encodings.put(feature.name(), byTable.get(feature.name()).build(feature.effectiveMinCount()));
            }
            return encodings;
        }
    }

    /** The second pass: each row's final indices appended to the current shard of its split. */
    private final class Writer implements Consumer<SampleRow> {

        private final Tables tables;
        private final int[][] categoricalFinalIndex;
        private final int[][] sequenceFinalIndex;
        private final VocabularyBuilder groups = new VocabularyBuilder();
        private final Map<Split, ShardRows> current = new EnumMap<>(Split.class);
        private final Map<Split, List<ShardRef>> written = new EnumMap<>(Split.class);
        private final ShardStore store;

        Writer(Tables tables, Map<String, int[]> finalIndices, ShardStore store) {
            this.tables = tables;
            this.store = store;
            categoricalFinalIndex = schema.categorical().stream().map(f -> finalIndices.get(f.name()))
                    .toArray(int[][]::new);
            sequenceFinalIndex = schema.sequences().stream().map(f -> finalIndices.get(f.target()))
                    .toArray(int[][]::new);
            for (Split split : Split.values()) {
                current.put(split, new ShardRows(schema, rowsPerShard));
                written.put(split, new ArrayList<>());
            }
        }

        @Override
        public void accept(SampleRow row) {
            ShardRows shard = current.get(row.split());
            shard.beginRow(row.label(), groupId(row.group()));
            for (int i = 0; i < categoricalFinalIndex.length; i++) {
                String value = row.categorical()[i];
                int id = tables.categorical[i].find(value, 0, value.length());
                shard.categorical(i, VocabularyBuilder.finalIndexOf(categoricalFinalIndex[i], id));
            }
            for (int i = 0; i < sequenceFinalIndex.length; i++) {
                SequenceCell history = row.sequences()[i];
                for (int j = tables.firstKept(history.length()); j < history.length(); j++) {
                    int id = tables.sequences[i].find(history.text(), history.start(j), history.end(j));
                    shard.sequenceValue(i, VocabularyBuilder.finalIndexOf(sequenceFinalIndex[i], id));
                }
            }
            for (int i = 0; i < schema.numeric().size(); i++) {
                float value = row.numeric()[i];
                shard.numeric(i, Float.isNaN(value) ? 0f : value);
            }
            if (shard.rows() == rowsPerShard) {
                flush(row.split());
            }
        }

        /** Dense group ids in order of first appearance, as the one-pass encoder numbers them. */
        private int groupId(String group) {
            // A builder has no id for the empty value; a NUL character never ends a CSV cell's trimmed text.
            return groups.intern(group.isEmpty() ? "\u0000" : group, false);
        }

        Map<Split, List<ShardRef>> finish() {
            for (Split split : Split.values()) {
                if (current.get(split).rows() > 0) {
                    flush(split);
                }
            }
            return written;
        }

        private void flush(Split split) {
            ShardRows shard = current.get(split);
            try {
                String sha256 = store.write(shard.toBytes(split));
                written.get(split).add(new ShardRef(sha256, shard.rows()));
            } catch (IOException e) {
                throw new UncheckedIOException("could not store a shard: " + e.getMessage(), e);
            }
            shard.clear();
        }
    }
}
