package io.dinplatform.worker.scoring;

import java.util.Map;

/**
 * One row of the dataset to score, with its raw values.
 *
 * @param row      the data row number in the file (1 = the first row after the header)
 * @param group    the GAUC group value (by default the user id)
 * @param item     the candidate item's value ("" when the schema has no item feature)
 * @param label    the label as written ("0" or "1"), or null when the dataset has no label column
 * @param instance the model's features by name, as the serving encoder takes them (sequences as joined cells)
 */
public record DatasetRow(long row, String group, String item, String label, Map<String, String> instance) {
}
