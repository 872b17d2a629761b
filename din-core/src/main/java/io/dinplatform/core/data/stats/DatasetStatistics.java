package io.dinplatform.core.data.stats;

import java.util.Map;

/**
 * What a dataset holds, computed when it is registered; serialises to JSON as is (camelCase components).
 *
 * @param rows            data rows
 * @param positives       rows with label 1
 * @param positiveRate    positives / rows
 * @param distinctGroups  distinct values of the group column (users, by default)
 * @param distinctValues  per categorical column, its number of distinct non-empty values (users, items,
 *                        categories, ...)
 * @param historyLength   the history length distribution, or null when the schema has no sequence
 * @param missingValues   per column the schema uses, the number of empty cells (an empty sequence is an empty history)
 * @param splitSizes      rows per split: {@code train}, {@code valid}, {@code test}
 */
public record DatasetStatistics(long rows, long positives, double positiveRate, long distinctGroups,
                                Map<String, Long> distinctValues, HistoryLengthStatistics historyLength,
                                Map<String, Long> missingValues, Map<String, Long> splitSizes) {
}
