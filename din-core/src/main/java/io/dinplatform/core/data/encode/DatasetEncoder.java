package io.dinplatform.core.data.encode;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.GroupSplitter;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.data.samples.SampleRow;
import io.dinplatform.core.data.samples.SamplesReader;
import io.dinplatform.core.data.samples.SequenceCell;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * Encodes a samples file into an {@link EncodedDataset} in one pass: every raw value is interned into a provisional
 * id while the training rows it occurs in are counted (once per row, candidate and history together); after the
 * pass each vocabulary is built from the training rows only (sequence values count toward their target's table, ids
 * below {@code minCount} become UNKNOWN) and the columns are rewritten to final indices. Histories keep their newest
 * {@code maxLength} values. A missing (empty) categorical value encodes as UNKNOWN and a missing numeric value as 0.
 *
 * <p>It holds the whole dataset, twice during the rewrite: for small data (tests, the command line, serving's
 * instances). Files larger than memory go through {@link ShardedDatasetEncoder}, which gives the same indices.
 */
public final class DatasetEncoder {

    private final FeatureSchema schema;
    private final GroupSplitter splitter;

    /** Rows are split by the schema's split column, else by {@code splitter} on the group value. */
    public DatasetEncoder(FeatureSchema schema, GroupSplitter splitter) {
        this.schema = schema;
        this.splitter = splitter;
    }

    public DatasetEncoder(FeatureSchema schema) {
        this(schema, GroupSplitter.DEFAULT);
    }

    public EncodedDataset encode(Path file) throws IOException {
        SamplesReader reader = new SamplesReader(schema, splitter);
        Accumulator accumulator = new Accumulator(schema);
        reader.read(file, accumulator);
        return accumulator.finish();
    }

    /** Encodes a (possibly gzipped) samples stream; the stream is not closed. */
    public EncodedDataset encode(InputStream in) throws IOException {
        SamplesReader reader = new SamplesReader(schema, splitter);
        Accumulator accumulator = new Accumulator(schema);
        reader.read(in, accumulator);
        return accumulator.finish();
    }

    /** The columns under construction, in provisional ids, and one vocabulary builder per embedding table. */
    private static final class Accumulator implements Consumer<SampleRow> {

        private final FeatureSchema schema;
        private final int maxLength;
        private final Map<String, VocabularyBuilder> tables = new LinkedHashMap<>();
        private final VocabularyBuilder[] categoricalTables;
        private final VocabularyBuilder[] sequenceTables;
        private final IntStream.Builder labels = IntStream.builder();
        private final IntStream.Builder splits = IntStream.builder();
        private final IntStream.Builder groups = IntStream.builder();
        private final Map<String, Integer> groupIds = new HashMap<>();
        private final IntStream.Builder[] categorical;
        private final IntStream.Builder[] sequenceValues;
        private final IntStream.Builder[] sequenceLengths;
        private final DoubleStream.Builder[] numeric;

        Accumulator(FeatureSchema schema) {
            this.schema = schema;
            this.maxLength = schema.maxHistoryLength();
            schema.categorical().forEach(f -> tables.put(f.name(), new VocabularyBuilder()));
            categoricalTables = schema.categorical().stream().map(f -> tables.get(f.name()))
                    .toArray(VocabularyBuilder[]::new);
            sequenceTables = schema.sequences().stream().map(f -> tables.get(f.target()))
                    .toArray(VocabularyBuilder[]::new);
            categorical = builders(schema.categorical().size());
            sequenceValues = builders(schema.sequences().size());
            sequenceLengths = builders(schema.sequences().size());
            numeric = new DoubleStream.Builder[schema.numeric().size()];
            for (int i = 0; i < numeric.length; i++) {
                numeric[i] = DoubleStream.builder();
            }
        }

        @Override
        public void accept(SampleRow row) {
            boolean training = row.split() == Split.TRAIN;
            tables.values().forEach(VocabularyBuilder::beginRow);
            labels.add(row.label());
            splits.add(row.split().ordinal());
            groups.add(groupIds.computeIfAbsent(row.group(), g -> groupIds.size()));
            for (int i = 0; i < categorical.length; i++) {
                categorical[i].add(categoricalTables[i].intern(row.categorical()[i], training));
            }
            for (int i = 0; i < sequenceValues.length; i++) {
                SequenceCell history = row.sequences()[i];
                int from = Math.max(0, history.length() - maxLength);
                for (int j = from; j < history.length(); j++) {
                    sequenceValues[i].add(sequenceTables[i].intern(history.text(), history.start(j), history.end(j),
                            training));
                }
                sequenceLengths[i].add(history.length() - from);
            }
            for (int i = 0; i < numeric.length; i++) {
                float value = row.numeric()[i];
                numeric[i].add(Float.isNaN(value) ? 0f : value);
            }
        }

        EncodedDataset finish() {
            Map<String, VocabularyBuilder.Encoding> encodings = new LinkedHashMap<>();
            for (FeatureSpec feature : schema.categorical()) {
                encodings.put(feature.name(), tables.get(feature.name()).build(feature.effectiveMinCount()));
            }
            Map<String, Vocabulary> vocabularies = new LinkedHashMap<>();
            encodings.forEach((name, encoding) -> vocabularies.put(name, encoding.vocabulary()));
            return new EncodedDataset(schema, new Vocabularies(vocabularies), toFloats(labels.build().toArray()),
                    groups.build().toArray(), toBytes(splits.build().toArray()), categoricalColumns(encodings),
                    sequenceColumns(encodings), numericColumns());
        }

        private Map<String, int[]> categoricalColumns(Map<String, VocabularyBuilder.Encoding> encodings) {
            Map<String, int[]> columns = new LinkedHashMap<>();
            List<FeatureSpec> features = schema.categorical();
            for (int i = 0; i < categorical.length; i++) {
                int[] column = categorical[i].build().toArray();
                encodings.get(features.get(i).name()).remap(column);
                columns.put(features.get(i).name(), column);
            }
            return columns;
        }

        private Map<String, SequenceColumn> sequenceColumns(Map<String, VocabularyBuilder.Encoding> encodings) {
            Map<String, SequenceColumn> columns = new LinkedHashMap<>();
            List<FeatureSpec> features = schema.sequences();
            for (int i = 0; i < sequenceValues.length; i++) {
                int[] values = sequenceValues[i].build().toArray();
                encodings.get(features.get(i).target()).remap(values);
                columns.put(features.get(i).name(),
                        new SequenceColumn(offsets(sequenceLengths[i].build().toArray()), values));
            }
            return columns;
        }

        private Map<String, float[]> numericColumns() {
            Map<String, float[]> columns = new LinkedHashMap<>();
            for (int i = 0; i < numeric.length; i++) {
                columns.put(schema.numeric().get(i).name(), toFloats(numeric[i].build().toArray()));
            }
            return columns;
        }

        private static IntStream.Builder[] builders(int n) {
            IntStream.Builder[] builders = new IntStream.Builder[n];
            for (int i = 0; i < n; i++) {
                builders[i] = IntStream.builder();
            }
            return builders;
        }
    }

    private static int[] offsets(int[] lengths) {
        int[] offsets = new int[lengths.length + 1];
        for (int r = 0; r < lengths.length; r++) {
            offsets[r + 1] = offsets[r] + lengths[r];
        }
        return offsets;
    }

    private static float[] toFloats(int[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = values[i];
        }
        return floats;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    private static byte[] toBytes(int[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
