package io.dinplatform.core.data.encode;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaValidator;
import io.dinplatform.core.schema.FeatureSpec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
    private final Pattern delimiter;

    public InstanceEncoder(FeatureSchema schema, Vocabularies vocabularies) {
        this.schema = FeatureSchemaValidator.validate(schema);
        this.vocabularies = vocabularies;
        this.delimiter = Pattern.compile(Pattern.quote(schema.effectiveSequenceDelimiter()));
        schema.categorical().forEach(f -> vocabularies.of(f.name()));
    }

    public EncodedDataset encode(List<? extends Map<String, ?>> instances) {
        int n = instances.size();
        Map<String, int[]> categorical = new LinkedHashMap<>();
        for (FeatureSpec feature : schema.categorical()) {
            categorical.put(feature.name(), categoricalColumn(instances, feature));
        }
        Map<String, SequenceColumn> sequences = sequenceColumns(instances);
        Map<String, float[]> numeric = new LinkedHashMap<>();
        for (FeatureSpec feature : schema.numeric()) {
            numeric.put(feature.name(), numericColumn(instances, feature));
        }
        byte[] splits = new byte[n];
        Arrays.fill(splits, (byte) Split.TEST.ordinal());
        return new EncodedDataset(schema, vocabularies, new float[n], groups(instances), splits, categorical,
                sequences, numeric);
    }

    private int[] categoricalColumn(List<? extends Map<String, ?>> instances, FeatureSpec feature) {
        Vocabulary vocabulary = vocabularies.of(feature.name());
        int[] column = new int[instances.size()];
        for (int i = 0; i < column.length; i++) {
            Object value = required(instances.get(i), i, feature);
            column[i] = vocabulary.indexOf(scalar(value, i, feature.name()));
        }
        return column;
    }

    private Map<String, SequenceColumn> sequenceColumns(List<? extends Map<String, ?>> instances) {
        List<FeatureSpec> features = schema.sequences();
        int maxLength = schema.maxHistoryLength();
        List<List<int[]>> histories = new ArrayList<>();
        for (int s = 0; s < features.size(); s++) {
            histories.add(new ArrayList<>(instances.size()));
        }
        for (int i = 0; i < instances.size(); i++) {
            int length = -1;
            for (int s = 0; s < features.size(); s++) {
                FeatureSpec feature = features.get(s);
                List<String> values = sequence(required(instances.get(i), i, feature), i, feature.name());
                if (length >= 0 && values.size() != length) {
                    throw new InvalidInstanceException(i, feature.name(), "has " + values.size() + " values but '"
                            + features.get(0).name() + "' has " + length + ": the sequences describe one history");
                }
                length = values.size();
                histories.get(s).add(indices(values, vocabularies.of(feature.target()), maxLength));
            }
        }
        Map<String, SequenceColumn> columns = new LinkedHashMap<>();
        for (int s = 0; s < features.size(); s++) {
            columns.put(features.get(s).name(), concatenate(histories.get(s)));
        }
        return columns;
    }

    private float[] numericColumn(List<? extends Map<String, ?>> instances, FeatureSpec feature) {
        float[] column = new float[instances.size()];
        for (int i = 0; i < column.length; i++) {
            Object value = required(instances.get(i), i, feature);
            column[i] = number(value, i, feature.name());
        }
        return column;
    }

    /** Dense group ids among these instances: equal group values share one, an instance without one is alone. */
    private int[] groups(List<? extends Map<String, ?>> instances) {
        String group = schema.effectiveGroup();
        Map<String, Integer> ids = new HashMap<>();
        int[] groups = new int[instances.size()];
        int next = 0;
        for (int i = 0; i < groups.length; i++) {
            Object value = instances.get(i).get(group);
            Integer id = value == null ? null : ids.putIfAbsent(scalar(value, i, group), next);
            groups[i] = id == null ? next++ : id;
        }
        return groups;
    }

    private static int[] indices(List<String> values, Vocabulary vocabulary, int maxLength) {
        int from = Math.max(0, values.size() - maxLength);
        int[] indices = new int[values.size() - from];
        for (int j = from; j < values.size(); j++) {
            indices[j - from] = vocabulary.indexOf(values.get(j));
        }
        return indices;
    }

    private static SequenceColumn concatenate(List<int[]> histories) {
        int[] offsets = new int[histories.size() + 1];
        for (int r = 0; r < histories.size(); r++) {
            offsets[r + 1] = offsets[r] + histories.get(r).length;
        }
        int[] values = new int[offsets[histories.size()]];
        for (int r = 0; r < histories.size(); r++) {
            System.arraycopy(histories.get(r), 0, values, offsets[r], histories.get(r).length);
        }
        return new SequenceColumn(offsets, values);
    }

    private static Object required(Map<String, ?> instance, int i, FeatureSpec feature) {
        Object value = instance.get(feature.name());
        if (value == null) {
            throw new InvalidInstanceException(i, feature.name(), "missing (every feature of the model is required"
                    + (feature.kind() == FeatureKind.SEQUENCE ? "; an empty history is []" : "")
                    + ")");
        }
        return value;
    }

    private List<String> sequence(Object value, int i, String feature) {
        if (value instanceof String joined) {
            return joined.isEmpty() ? List.of() : List.of(delimiter.split(joined, -1));
        }
        if (value instanceof Collection<?> items) {
            List<String> values = new ArrayList<>(items.size());
            for (Object item : items) {
                if (item == null) {
                    throw new InvalidInstanceException(i, feature, "a history value is null");
                }
                values.add(scalar(item, i, feature));
            }
            return values;
        }
        throw new InvalidInstanceException(i, feature, "expected a list of values, got " + describe(value));
    }

    /** The raw value as it appears in a CSV cell: JSON 42 and "42" are the same id, and 42.0 is written 42. */
    private static String scalar(Object value, int i, String feature) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
            BigDecimal decimal = new BigDecimal(number.toString()).stripTrailingZeros();
            return decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString();
        }
        throw new InvalidInstanceException(i, feature, "expected a string or a number, got " + describe(value));
    }

    private static float number(Object value, int i, String feature) {
        float parsed;
        if (value instanceof Number number) {
            parsed = number.floatValue();
        } else if (value instanceof String s) {
            try {
                parsed = Float.parseFloat(s.trim());
            } catch (NumberFormatException e) {
                throw new InvalidInstanceException(i, feature, "not a number: '" + s + "'");
            }
        } else {
            throw new InvalidInstanceException(i, feature, "expected a number, got " + describe(value));
        }
        if (!Float.isFinite(parsed)) {
            throw new InvalidInstanceException(i, feature, "the number must be finite, got " + value);
        }
        return parsed;
    }

    private static String describe(Object value) {
        if (value instanceof Collection<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return value instanceof Boolean ? "a boolean" : value.getClass().getSimpleName();
    }
}
