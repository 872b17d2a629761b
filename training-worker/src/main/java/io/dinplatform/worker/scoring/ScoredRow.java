package io.dinplatform.worker.scoring;

import java.util.List;

/**
 * One line of the result: a dataset row and its click probability.
 *
 * @param row   the data row number in the dataset (counted across its files)
 * @param group the GAUC group value
 * @param item  the candidate item's value
 * @param score the click probability
 * @param label the label, or null when the dataset has none
 * @param unknownFeatures the features whose id the model does not know (din-core's {@code UnknownFeatures})
 */
public record ScoredRow(long row, String group, String item, float score, String label,
                        List<String> unknownFeatures) {
}
