package io.dinplatform.core.data.encode;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes serving instances value by value, as a parser reads them, straight into the columns of an
 * {@link EncodedDataset}: each value is looked up in its vocabulary when it arrives, and no instance is ever held as
 * a map of raw values. Not thread-safe: one per request.
 *
 * <p>The checks and their messages are {@link InstanceEncoder}'s (which encodes through this class), and so is the
 * one error reported when several instances are invalid: the encoder checks column by column, the categorical
 * features first (feature by feature, each over every instance), then the histories (instance by instance), then the
 * numeric features, so the reported error is the first in that order, wherever it stands in the request.
 *
 * <p>Usage: {@link #slot} once per field name; per instance {@link #beginInstance}, its values ({@link #value}, or
 * {@link #beginSequence}, {@link #item}s and {@link #endSequence} for a history given as a list), in any order (a
 * feature given twice keeps its last value), then {@link #endInstance}; finally {@link #build}.
 */
public final class RowEncoder {

    /** Stands for a JSON array where a single value belongs: described as "a list". */
    public static final Object LIST = List.of();
    /** Stands for a JSON object where a value belongs: described as "an object". */
    public static final Object OBJECT = Map.of();

    /** The slot of a field that is neither a feature nor the group column: its value is not read. */
    public static final int IGNORED = -1;

    private static final int CATEGORICAL_CHECKS = 0;
    private static final int SEQUENCE_CHECKS = 1;
    private static final int NUMERIC_CHECKS = 2;
    private static final int GROUP_CHECKS = 3;

    private final FeatureSchema schema;
    private final Vocabularies vocabularies;
    private final char delimiter;
    private final int maxLength;
    private final List<FeatureSpec> categoricalFeatures;
    private final List<FeatureSpec> sequenceFeatures;
    private final List<FeatureSpec> numericFeatures;
    private final Vocabulary[] categoricalVocabularies;
    private final Vocabulary[] itemVocabularies;
    /** Slots: categorical features, then sequences, then numeric features, then the group column if no feature. */
    private final Map<String, Integer> slots = new HashMap<>();
    private final int groupSlot;

    private final IntColumn[] categorical;
    private final IntColumn[] histories;
    private final IntColumn[] offsets;
    private final float[][] numeric;
    private final IntColumn groups = new IntColumn();
    private final Map<String, Integer> groupIds = new HashMap<>();
    private int nextGroup;
    private int rows;

    /** The current instance, per slot: given, and what is wrong with its value (null when nothing). */
    private final boolean[] given;
    private final String[] problems;
    private final int[] categoricalValue;
    private final float[] numericValue;
    /** Per history: how many values the instance gave, before keeping the newest {@code maxLength}. */
    private final int[] givenLength;
    private String groupValue;
    private int openSequence = -1;

    /** The first error in the encoder's order, and where it stands in that order. */
    private InvalidInstanceException firstError;
    private long firstErrorRank = Long.MAX_VALUE;

    RowEncoder(FeatureSchema schema, Vocabularies vocabularies, int expectedInstances) {
        this.schema = schema;
        this.vocabularies = vocabularies;
        this.delimiter = schema.sequenceDelimiterChar();
        this.maxLength = schema.maxHistoryLength();
        this.categoricalFeatures = schema.categorical();
        this.sequenceFeatures = schema.sequences();
        this.numericFeatures = schema.numeric();
        this.categoricalVocabularies = categoricalFeatures.stream().map(f -> vocabularies.of(f.name()))
                .toArray(Vocabulary[]::new);
        this.itemVocabularies = sequenceFeatures.stream().map(f -> vocabularies.of(f.target()))
                .toArray(Vocabulary[]::new);
        int slot = 0;
        for (FeatureSpec feature : categoricalFeatures) {
            slots.put(feature.name(), slot++);
        }
        for (FeatureSpec feature : sequenceFeatures) {
            slots.put(feature.name(), slot++);
        }
        for (FeatureSpec feature : numericFeatures) {
            slots.put(feature.name(), slot++);
        }
        String group = schema.effectiveGroup();
        if (group != null && !slots.containsKey(group)) {
            slots.put(group, slot);
            this.groupSlot = slot++;
        } else {
            this.groupSlot = group == null ? IGNORED : slots.get(group);
        }
        this.given = new boolean[slot];
        this.problems = new String[slot];
        this.categoricalValue = new int[categoricalFeatures.size()];
        this.numericValue = new float[numericFeatures.size()];
        this.givenLength = new int[sequenceFeatures.size()];
        int capacity = Math.max(1, expectedInstances);
        this.categorical = new IntColumn[categoricalFeatures.size()];
        Arrays.setAll(categorical, f -> new IntColumn(capacity));
        this.histories = new IntColumn[sequenceFeatures.size()];
        Arrays.setAll(histories, s -> new IntColumn(capacity * 8));
        this.offsets = new IntColumn[sequenceFeatures.size()];
        Arrays.setAll(offsets, s -> {
            IntColumn column = new IntColumn(capacity + 1);
            column.add(0);
            return column;
        });
        this.numeric = new float[numericFeatures.size()][capacity];
    }

    /** The slot of a field, or {@link #IGNORED} for a field the model does not read. */
    public int slot(String field) {
        Integer slot = slots.get(field);
        return slot == null ? IGNORED : slot;
    }

    /** Whether the slot is a history's, which takes a list ({@link #beginSequence}) or one joined string. */
    public boolean isSequence(int slot) {
        int s = slot - categoricalFeatures.size();
        return s >= 0 && s < sequenceFeatures.size();
    }

    /** Instances ended so far. */
    public int size() {
        return rows;
    }

    public void beginInstance() {
        Arrays.fill(given, false);
        Arrays.fill(problems, null);
        Arrays.fill(givenLength, 0);
        groupValue = null;
        for (int s = 0; s < sequenceFeatures.size(); s++) {
            histories[s].truncate(offsets[s].last());
        }
    }

    /**
     * One value of the current instance: a string, a number, a boolean, {@link #LIST} or {@link #OBJECT} (JSON
     * null is a missing value). For a history, a string is its values joined by the schema's delimiter.
     */
    public void value(int slot, Object value) {
        if (slot == IGNORED) {
            return;
        }
        given[slot] = value != null;
        problems[slot] = null;
        if (slot == groupSlot) {
            groupValue = null;
        }
        if (value == null) {
            if (isSequence(slot)) {
                int s = slot - categoricalFeatures.size();
                histories[s].truncate(offsets[s].last());
            }
            return;
        }
        if (isSequence(slot)) {
            joinedSequence(slot, value);
        } else if (slot < categoricalFeatures.size()) {
            categoricalValue(slot, value);
        } else if (slot < categoricalFeatures.size() + sequenceFeatures.size() + numericFeatures.size()) {
            numericValue(slot, value);
        } else {
            groupScalar(slot, value);
        }
    }

    /** A history given as a list: its items follow ({@link #item}), then {@link #endSequence}. */
    public void beginSequence(int slot) {
        int s = slot - categoricalFeatures.size();
        given[slot] = true;
        problems[slot] = null;
        givenLength[s] = 0;
        histories[s].truncate(offsets[s].last());
        openSequence = s;
    }

    /** One item of the open history: a string or a number; anything else (null included) is an error. */
    public void item(Object value) {
        int s = openSequence;
        int slot = categoricalFeatures.size() + s;
        givenLength[s]++;
        if (problems[slot] != null) {
            return; // the history's first bad item is the one reported
        }
        if (value == null) {
            problems[slot] = "a history value is null";
            return;
        }
        String raw = scalar(value);
        if (raw == null) {
            problems[slot] = "expected a string or a number, got " + describe(value);
            return;
        }
        histories[s].add(itemVocabularies[s].indexOf(raw));
    }

    public void endSequence() {
        keepNewest(openSequence);
        openSequence = -1;
    }

    /** Checks the instance as {@link InstanceEncoder} would, remembers its first error, and adds its row. */
    public void endInstance() {
        int instance = rows;
        checkInstance(instance);
        for (int f = 0; f < categoricalFeatures.size(); f++) {
            categorical[f].add(given[f] && problems[f] == null ? categoricalValue[f] : 0);
        }
        for (int s = 0; s < sequenceFeatures.size(); s++) {
            offsets[s].add(histories[s].size());
        }
        int firstNumeric = categoricalFeatures.size() + sequenceFeatures.size();
        for (int f = 0; f < numericFeatures.size(); f++) {
            if (instance == numeric[f].length) {
                numeric[f] = Arrays.copyOf(numeric[f], instance * 2);
            }
            numeric[f][instance] = given[firstNumeric + f] && problems[firstNumeric + f] == null ? numericValue[f] : 0;
        }
        // Dense group ids: equal group values share one, an instance without one is alone.
        Integer group = groupValue == null ? null : groupIds.putIfAbsent(groupValue, nextGroup);
        groups.add(group == null ? nextGroup++ : group);
        rows++;
    }

    /**
     * The encoded rows.
     *
     * @throws InvalidInstanceException the first error in the encoder's order (see the class comment)
     */
    public EncodedDataset build() {
        if (firstError != null) {
            throw firstError;
        }
        Map<String, int[]> categoricalColumns = new LinkedHashMap<>();
        for (int f = 0; f < categoricalFeatures.size(); f++) {
            categoricalColumns.put(categoricalFeatures.get(f).name(), categorical[f].toArray());
        }
        Map<String, SequenceColumn> sequenceColumns = new LinkedHashMap<>();
        for (int s = 0; s < sequenceFeatures.size(); s++) {
            sequenceColumns.put(sequenceFeatures.get(s).name(),
                    new SequenceColumn(offsets[s].toArray(), histories[s].toArray()));
        }
        Map<String, float[]> numericColumns = new LinkedHashMap<>();
        for (int f = 0; f < numericFeatures.size(); f++) {
            numericColumns.put(numericFeatures.get(f).name(), Arrays.copyOf(numeric[f], rows));
        }
        byte[] splits = new byte[rows];
        Arrays.fill(splits, (byte) Split.TEST.ordinal());
        return new EncodedDataset(schema, vocabularies, new float[rows], groups.toArray(), splits, categoricalColumns,
                sequenceColumns, numericColumns);
    }

    private void categoricalValue(int slot, Object value) {
        String raw = scalar(value);
        if (raw == null) {
            problems[slot] = "expected a string or a number, got " + describe(value);
            return;
        }
        categoricalValue[slot] = categoricalVocabularies[slot].indexOf(raw);
        if (slot == groupSlot) {
            groupValue = raw;
        }
    }

    private void numericValue(int slot, Object value) {
        int f = slot - categoricalFeatures.size() - sequenceFeatures.size();
        float parsed;
        if (value instanceof Number number) {
            parsed = number.floatValue();
        } else if (value instanceof String s) {
            try {
                parsed = Float.parseFloat(s.trim());
            } catch (NumberFormatException e) {
                problems[slot] = "not a number: '" + s + "'";
                return;
            }
        } else {
            problems[slot] = "expected a number, got " + describe(value);
            return;
        }
        if (!Float.isFinite(parsed)) {
            problems[slot] = "the number must be finite, got " + value;
            return;
        }
        numericValue[f] = parsed;
    }

    private void groupScalar(int slot, Object value) {
        String raw = scalar(value);
        if (raw == null) {
            problems[slot] = "expected a string or a number, got " + describe(value);
            return;
        }
        groupValue = raw;
    }

    private void joinedSequence(int slot, Object value) {
        int s = slot - categoricalFeatures.size();
        histories[s].truncate(offsets[s].last());
        givenLength[s] = 0;
        if (!(value instanceof String joined)) {
            problems[slot] = "expected a list of values, got " + describe(value);
            return;
        }
        if (joined.isEmpty()) {
            return;
        }
        int from = 0;
        while (true) {
            int to = joined.indexOf(delimiter, from);
            String item = to < 0 ? joined.substring(from) : joined.substring(from, to);
            histories[s].add(itemVocabularies[s].indexOf(item));
            givenLength[s]++;
            if (to < 0) {
                break;
            }
            from = to + 1;
        }
        keepNewest(s);
    }

    /** Keeps the newest {@code maxLength} values of the instance's history. */
    private void keepNewest(int s) {
        IntColumn history = histories[s];
        int start = offsets[s].last();
        int length = history.size() - start;
        if (length > maxLength) {
            history.shiftDown(start, length - maxLength);
        }
    }

    /** The instance's first error in the encoder's order, kept if it comes before every earlier instance's. */
    private void checkInstance(int instance) {
        for (int f = 0; f < categoricalFeatures.size(); f++) {
            String problem = problem(f, categoricalFeatures.get(f));
            if (problem != null) {
                remember(rank(CATEGORICAL_CHECKS, f, instance), instance, categoricalFeatures.get(f), problem);
                return;
            }
        }
        int firstSequence = categoricalFeatures.size();
        for (int s = 0; s < sequenceFeatures.size(); s++) {
            FeatureSpec feature = sequenceFeatures.get(s);
            String problem = problem(firstSequence + s, feature);
            if (problem == null && s > 0 && givenLength[s] != givenLength[0]) {
                problem = "has " + givenLength[s] + " values but '" + sequenceFeatures.get(0).name() + "' has "
                        + givenLength[0] + ": the sequences describe one history";
            }
            if (problem != null) {
                remember(rank(SEQUENCE_CHECKS, instance, s), instance, feature, problem);
                return;
            }
        }
        int firstNumeric = firstSequence + sequenceFeatures.size();
        for (int f = 0; f < numericFeatures.size(); f++) {
            String problem = problem(firstNumeric + f, numericFeatures.get(f));
            if (problem != null) {
                remember(rank(NUMERIC_CHECKS, f, instance), instance, numericFeatures.get(f), problem);
                return;
            }
        }
        if (groupSlot >= firstNumeric + numericFeatures.size() && problems[groupSlot] != null) {
            remember(rank(GROUP_CHECKS, 0, instance), instance, null, problems[groupSlot]);
        }
    }

    private String problem(int slot, FeatureSpec feature) {
        if (!given[slot]) {
            return "missing (every feature of the model is required"
                    + (feature.kind() == FeatureKind.SEQUENCE ? "; an empty history is []" : "") + ")";
        }
        return problems[slot];
    }

    /** Orders errors as the column-by-column encoder meets them: by check, then by its outer and inner loop. */
    private static long rank(int check, int outer, int inner) {
        return ((long) check << 58) | ((long) outer << 29) | inner;
    }

    private void remember(long rank, int instance, FeatureSpec feature, String problem) {
        if (rank < firstErrorRank) {
            firstErrorRank = rank;
            firstError = new InvalidInstanceException(instance,
                    feature == null ? schema.effectiveGroup() : feature.name(), problem);
        }
    }

    /** The raw value as it appears in a CSV cell: JSON 42 and "42" are the same id, and 42.0 is written 42. */
    static String scalar(Object value) {
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
        return null;
    }

    static String describe(Object value) {
        if (value instanceof Collection<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return value instanceof Boolean ? "a boolean" : value.getClass().getSimpleName();
    }

    /** A growable column of ints. */
    private static final class IntColumn {

        private int[] values;
        private int size;

        IntColumn() {
            this(16);
        }

        IntColumn(int capacity) {
            values = new int[Math.max(1, capacity)];
        }

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        int last() {
            return values[size - 1];
        }

        void truncate(int newSize) {
            size = newSize;
        }

        /** Drops {@code count} values from {@code start} on, moving the rest down. */
        void shiftDown(int start, int count) {
            System.arraycopy(values, start + count, values, start, size - start - count);
            size -= count;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
