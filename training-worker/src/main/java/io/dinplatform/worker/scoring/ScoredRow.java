package io.dinplatform.worker.scoring;

/**
 * One line of the result: a dataset row and its click probability.
 *
 * @param row   the data row number in the dataset file
 * @param group the GAUC group value
 * @param item  the candidate item's value
 * @param score the click probability
 * @param label the label, or null when the dataset has none
 */
public record ScoredRow(long row, String group, String item, float score, String label) {

    static ScoredRow of(DatasetRow row, float score) {
        return new ScoredRow(row.row(), row.group(), row.item(), score, row.label());
    }
}
