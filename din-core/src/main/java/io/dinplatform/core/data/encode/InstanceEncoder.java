package io.dinplatform.core.data.encode;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaValidator;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Encodes raw serving instances ({@code {"item_id": "42", "hist_item_id": ["7", "12"]}}) with the vocabularies of a
 * trained model, into a small {@link EncodedDataset} (labels 0, split TEST) that the scorer batches like any other.
 *
 * <p>Values arrive as strings or numbers, sequences as lists (or as one string joined by the schema's delimiter).
 * A value the vocabulary does not know is UNKNOWN, histories keep their newest {@code maxLength} values, and a missing
 * feature or a value of the wrong type is an {@link InvalidInstanceException} naming the instance and the feature.
 * The label and the split column are never read. Instances are independent: encoding one never depends on the others.
 * This class is immutable and thread-safe.
 */
public final class InstanceEncoder {

    private final FeatureSchema schema;
    private final Vocabularies vocabularies;

    public InstanceEncoder(FeatureSchema schema, Vocabularies vocabularies) {
        this.schema = FeatureSchemaValidator.validate(schema);
        this.vocabularies = vocabularies;
        schema.categorical().forEach(f -> vocabularies.of(f.name()));
    }

    /**
     * Encodes instances given as maps of raw values (see {@link RowEncoder} for the order in which problems are
     * found).
     *
     * @throws InvalidInstanceException the first problem, naming the instance and the feature
     */
    public EncodedDataset encode(List<? extends Map<String, ?>> instances) {
        RowEncoder rows = rows(instances.size());
        for (Map<String, ?> instance : instances) {
            rows.beginInstance();
            for (Map.Entry<String, ?> value : instance.entrySet()) {
                int slot = rows.slot(value.getKey());
                if (rows.isSequence(slot) && value.getValue() instanceof Collection<?> items) {
                    rows.beginSequence(slot);
                    items.forEach(rows::item);
                    rows.endSequence();
                } else {
                    rows.value(slot, value.getValue());
                }
            }
            rows.endInstance();
        }
        return rows.build();
    }

    /**
     * An encoder that takes one request's instances value by value, as a parser reads them.
     *
     * @param expectedInstances how many instances to make room for (more may come)
     */
    public RowEncoder rows(int expectedInstances) {
        return new RowEncoder(schema, vocabularies, expectedInstances);
    }
}
