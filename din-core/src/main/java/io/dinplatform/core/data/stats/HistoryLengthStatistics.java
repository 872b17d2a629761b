package io.dinplatform.core.data.stats;

import java.util.List;

/**
 * The distribution of behaviour-history lengths as written in the file (before cutting to maxLength), which tells
 * whether maxLength suits the data. Percentiles are nearest-rank.
 *
 * @param maxLength     the schema's maxLength
 * @param rowsOverMax   rows whose history is longer than maxLength (they lose their oldest items)
 * @param histogram     up to 20 buckets of equal width covering 0..max
 */
public record HistoryLengthStatistics(int min, int max, double mean, int p50, int p90, int p99, int maxLength,
                                      long rowsOverMax, List<HistogramBucket> histogram) {

    public HistoryLengthStatistics {
        histogram = List.copyOf(histogram);
    }
}
