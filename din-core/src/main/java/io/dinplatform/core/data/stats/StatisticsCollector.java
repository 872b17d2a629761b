package io.dinplatform.core.data.stats;

import io.dinplatform.core.data.GroupSplitter;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.samples.SampleRow;
import io.dinplatform.core.data.samples.SamplesReader;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Gathers {@link DatasetStatistics} row by row from a {@link SamplesReader}. Distinct counts are exact (one set of
 * values per column); history lengths are counted per length, so percentiles are exact too.
 */
public final class StatisticsCollector implements Consumer<SampleRow> {

    private static final int HISTOGRAM_BUCKETS = 20;

    private final FeatureSchema schema;
    private final List<String> categoricalNames;
    private final List<String> sequenceNames;
    private final List<String> numericNames;
    private final Set<String> groups = new HashSet<>();
    private final List<Set<String>> categoricalValues;
    private final long[] categoricalMissing;
    private final long[] sequenceMissing;
    private final long[] numericMissing;
    private final long[] splitSizes = new long[Split.values().length];
    private long[] rowsByHistoryLength = new long[64];
    private long rows;
    private long positives;
    private long groupMissing;

    public StatisticsCollector(FeatureSchema schema) {
        this.schema = schema;
        this.categoricalNames = schema.categorical().stream().map(FeatureSpec::name).toList();
        this.sequenceNames = schema.sequences().stream().map(FeatureSpec::name).toList();
        this.numericNames = schema.numeric().stream().map(FeatureSpec::name).toList();
        this.categoricalValues = categoricalNames.stream().map(n -> (Set<String>) new HashSet<String>()).toList();
        this.categoricalMissing = new long[categoricalNames.size()];
        this.sequenceMissing = new long[sequenceNames.size()];
        this.numericMissing = new long[numericNames.size()];
    }

    /** Reads a samples file through a {@link SamplesReader} and returns its statistics. */
    public static DatasetStatistics collect(FeatureSchema schema, GroupSplitter splitter, Path file)
            throws IOException {
        StatisticsCollector collector = new StatisticsCollector(schema);
        new SamplesReader(schema, splitter).read(file, collector);
        return collector.statistics();
    }

    /** Reads a (possibly gzipped) samples stream, not closed, and returns its statistics. */
    public static DatasetStatistics collect(FeatureSchema schema, GroupSplitter splitter, InputStream in)
            throws IOException {
        StatisticsCollector collector = new StatisticsCollector(schema);
        new SamplesReader(schema, splitter).read(in, collector);
        return collector.statistics();
    }

    @Override
    public void accept(SampleRow row) {
        rows++;
        positives += row.label();
        splitSizes[row.split().ordinal()]++;
        groups.add(row.group());
        if (row.group().isEmpty()) {
            groupMissing++;
        }
        for (int i = 0; i < categoricalNames.size(); i++) {
            String value = row.categorical()[i];
            if (value.isEmpty()) {
                categoricalMissing[i]++;
            } else {
                categoricalValues.get(i).add(value);
            }
        }
        for (int i = 0; i < sequenceNames.size(); i++) {
            if (row.sequences()[i].length() == 0) {
                sequenceMissing[i]++;
            }
        }
        for (int i = 0; i < numericNames.size(); i++) {
            if (Float.isNaN(row.numeric()[i])) {
                numericMissing[i]++;
            }
        }
        countHistoryLength(row.historyLength());
    }

    public DatasetStatistics statistics() {
        Map<String, Long> distinct = new LinkedHashMap<>();
        Map<String, Long> missing = new LinkedHashMap<>();
        String group = schema.effectiveGroup();
        if (schema.feature(group).isEmpty()) {
            missing.put(group, groupMissing);
        }
        for (int i = 0; i < categoricalNames.size(); i++) {
            distinct.put(categoricalNames.get(i), (long) categoricalValues.get(i).size());
            missing.put(categoricalNames.get(i), categoricalMissing[i]);
        }
        for (int i = 0; i < sequenceNames.size(); i++) {
            missing.put(sequenceNames.get(i), sequenceMissing[i]);
        }
        for (int i = 0; i < numericNames.size(); i++) {
            missing.put(numericNames.get(i), numericMissing[i]);
        }
        Map<String, Long> splits = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            splits.put(split.name().toLowerCase(Locale.ROOT), splitSizes[split.ordinal()]);
        }
        return new DatasetStatistics(rows, positives, rows == 0 ? 0 : (double) positives / rows, groups.size(),
                distinct, sequenceNames.isEmpty() ? null : historyLengths(), missing, splits);
    }

    private void countHistoryLength(int length) {
        if (length >= rowsByHistoryLength.length) {
            rowsByHistoryLength = Arrays.copyOf(rowsByHistoryLength, Math.max(length + 1, rowsByHistoryLength.length * 2));
        }
        rowsByHistoryLength[length]++;
    }

    private HistoryLengthStatistics historyLengths() {
        int min = -1;
        int max = 0;
        double total = 0;
        for (int length = 0; length < rowsByHistoryLength.length; length++) {
            if (rowsByHistoryLength[length] > 0) {
                min = min < 0 ? length : min;
                max = length;
                total += (double) length * rowsByHistoryLength[length];
            }
        }
        int maxLength = schema.maxHistoryLength();
        long overMax = 0;
        for (int length = maxLength + 1; length < rowsByHistoryLength.length; length++) {
            overMax += rowsByHistoryLength[length];
        }
        return new HistoryLengthStatistics(Math.max(min, 0), max, rows == 0 ? 0 : total / rows, percentile(0.50),
                percentile(0.90), percentile(0.99), maxLength, overMax, histogram(max));
    }

    /** The smallest length that at least {@code q} of the rows do not exceed. */
    private int percentile(double q) {
        long rank = (long) Math.ceil(q * rows);
        long seen = 0;
        for (int length = 0; length < rowsByHistoryLength.length; length++) {
            seen += rowsByHistoryLength[length];
            if (seen >= rank && seen > 0) {
                return length;
            }
        }
        return 0;
    }

    private List<HistogramBucket> histogram(int max) {
        int width = (int) Math.ceil((max + 1) / (double) HISTOGRAM_BUCKETS);
        List<HistogramBucket> buckets = new ArrayList<>();
        for (int from = 0; from <= max; from += width) {
            long count = 0;
            for (int length = from; length < from + width && length < rowsByHistoryLength.length; length++) {
                count += rowsByHistoryLength[length];
            }
            buckets.add(new HistogramBucket(from, from + width - 1, count));
        }
        return buckets;
    }
}
