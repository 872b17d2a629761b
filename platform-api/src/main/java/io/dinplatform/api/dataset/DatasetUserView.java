package io.dinplatform.api.dataset;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import io.dinplatform.api.dataset.DatasetUsers.UserLatestRow;
import io.dinplatform.core.data.samples.SampleRow;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One user of a dataset version: the feature values of the user's most recent row, raw as in the file, in the shape
 * a prediction instance takes (docs/architecture.md, 'The REST API'), so a client can score candidates against the
 * user's real history.
 *
 * @param name          the dataset
 * @param version       its number
 * @param groupColumn   the column whose values are the users
 * @param userId        the user
 * @param rows          how many rows the version has for this user
 * @param row           the data row the values come from (1 = the first row after the header): the user's last
 * @param label         that row's label
 * @param historyLength the length of that row's history in the file; {@code features} holds at most the newest
 *                      {@code maxLength} of it, the items a model sees
 * @param features      every feature of the schema: a string for a categorical one, an array of strings (oldest
 *                      first) for a sequence, a number (null when missing) for a numeric one
 */
public record DatasetUserView(String name, int version, String groupColumn, String userId, long rows, long row,
                              int label, int historyLength,
                              @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                                      description = "Every feature's raw value by name: strings, histories as "
                                              + "arrays") Map<String, Object> features) {

    static DatasetUserView of(DatasetVersion version, UserLatestRow latest) {
        FeatureSchema schema = latest.schema();
        SampleRow row = latest.row();
        return new DatasetUserView(version.name(), version.version(), schema.effectiveGroup(), row.group(),
                latest.rows(), row.row(), row.label(), row.historyLength(), features(schema, row));
    }

    /** The row's values by feature name, in the schema's order. */
    private static Map<String, Object> features(FeatureSchema schema, SampleRow row) {
        Map<String, Object> byName = new LinkedHashMap<>();
        put(byName, schema.categorical(), i -> row.categorical()[i]);
        put(byName, schema.sequences(), i -> newest(row.sequences()[i].values(), schema.sequences().get(i)));
        put(byName, schema.numeric(), i -> Float.isNaN(row.numeric()[i]) ? null : row.numeric()[i]);
        Map<String, Object> ordered = new LinkedHashMap<>();
        schema.features().forEach(f -> ordered.put(f.name(), byName.get(f.name())));
        return ordered;
    }

    private static void put(Map<String, Object> byName, List<FeatureSpec> features,
                            IntFunction<Object> value) {
        for (int i = 0; i < features.size(); i++) {
            byName.put(features.get(i).name(), value.apply(i));
        }
    }

    /** The newest {@code maxLength} values: a model cuts a history the same way, so these are the items it sees. */
    private static List<String> newest(String[] values, FeatureSpec sequence) {
        int keep = sequence.maxLength() == null ? values.length : Math.min(values.length, sequence.maxLength());
        return Arrays.asList(values).subList(values.length - keep, values.length);
    }
}
