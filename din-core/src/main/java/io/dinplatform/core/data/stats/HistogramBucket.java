package io.dinplatform.core.data.stats;

/** The number of rows whose value lies in [{@code from}, {@code to}], both ends included. */
public record HistogramBucket(int from, int to, long rows) {
}
