package io.dinplatform.core.data.samples;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.RowError;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each column the schema needs sits in the header. Columns the schema does not name are allowed and ignored.
 */
record ColumnLayout(int width, String[] names, int label, int group, int split, int[] categorical, int[] sequences,
                    int[] numeric) {

    static ColumnLayout resolve(FeatureSchema schema, String[] header) {
        List<RowError> errors = new ArrayList<>();
        Map<String, Integer> positions = positions(header, errors);
        Resolver resolver = new Resolver(positions, errors);
        int label = resolver.find(schema.label(), "the label");
        int group = resolver.find(schema.effectiveGroup(), "the group column");
        int split = schema.split() == null ? -1 : resolver.find(schema.split(), "the split column");
        int[] categorical = resolver.findAll(schema.categorical(), "a CATEGORICAL feature");
        int[] sequences = resolver.findAll(schema.sequences(), "a SEQUENCE feature");
        int[] numeric = resolver.findAll(schema.numeric(), "a NUMERIC feature");
        if (!errors.isEmpty()) {
            hintAtFieldDelimiter(header, errors);
            throw new DataFormatException(errors);
        }
        return new ColumnLayout(header.length, header, label, group, split, categorical, sequences, numeric);
    }

    String name(int column) {
        return names[column];
    }

    private static Map<String, Integer> positions(String[] header, List<RowError> errors) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            header[i] = header[i].trim();
            if (positions.putIfAbsent(header[i], i) != null) {
                errors.add(new RowError(0, header[i], "appears twice in the header"));
            }
        }
        return positions;
    }

    private static void hintAtFieldDelimiter(String[] header, List<RowError> errors) {
        if (header.length != 1) {
            return;
        }
        for (char candidate : new char[] {';', '\t', '|'}) {
            if (header[0].indexOf(candidate) >= 0) {
                errors.add(new RowError(0, null, "the header is a single column '" + header[0]
                        + "': columns seem separated by '" + printable(candidate)
                        + "', but a samples file separates columns with ','"));
                return;
            }
        }
    }

    static String printable(char c) {
        return c == '\t' ? "\\t" : String.valueOf(c);
    }

    private record Resolver(Map<String, Integer> positions, List<RowError> errors) {

        int find(String column, String role) {
            Integer position = positions.get(column);
            if (position == null) {
                errors.add(new RowError(0, column, "missing from the header (needed as " + role + ")"));
                return -1;
            }
            return position;
        }

        int[] findAll(List<FeatureSpec> features, String role) {
            return features.stream().mapToInt(f -> find(f.name(), role)).toArray();
        }
    }
}
