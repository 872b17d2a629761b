package io.dinplatform.core.data.samples;

import io.dinplatform.core.data.csv.CsvRecordReader;
import io.dinplatform.core.schema.FeatureSchemaValidator;

import java.util.HexFormat;

/**
 * What a cell of a samples file may hold: the one definition that {@link SequenceCellParser} reads by and a writer
 * of samples files writes by (docs/architecture.md, 'The samples format and the schema').
 *
 * <p>Any cell holds well-formed Unicode text of at most {@link CsvRecordReader#MAX_FIELD_CHARS} characters (CSV
 * quoting takes care of commas, quotes and line breaks). A value inside a sequence cell is moreover not empty and
 * holds none of the {@link #SEPARATORS} {@code | ^ , ; tab}: the schema's delimiter splits the cell, and in a
 * one-value cell the reader takes any other of them for a wrong delimiter (a file written with {@code ,} for a
 * schema that says {@code |} would otherwise be read silently as one long unknown value).
 *
 * <p>Raw data does hold separators: Amazon's category {@code Bags, Cases & Sleeves}. Refusing such a value would
 * make real catalogues unbuildable, and an escape that the reader undoes would change the samples format under
 * every file written or uploaded before (and under the in-place value lookups of {@link SequenceCell}). So a writer
 * maps raw text to a sequence value instead, deterministically: {@link #sequenceValue(String)} writes each separator,
 * and the escape character {@code %} itself, as {@code %} and two hex digits ({@code Bags%2C Cases & Sleeves});
 * every other character stays, so ordinary ids keep their text. The mapping is injective ({@link #rawText(String)}
 * undoes it), the reader reads the value like any other, and the value is what a vocabulary holds: a prediction for
 * a model trained on such a file names it in this form.
 */
public final class CellValues {

    /** The characters a sequence value never holds: the default delimiter and the others the reader recognises. */
    public static final String SEPARATORS = "|^,;\t";

    /**
     * The longest sequence value: a full history of them (at most {@link FeatureSchemaValidator#MAX_SEQUENCE_LENGTH}
     * values and their delimiters) still fits in one cell.
     */
    public static final int MAX_SEQUENCE_VALUE_CHARS =
            CsvRecordReader.MAX_FIELD_CHARS / FeatureSchemaValidator.MAX_SEQUENCE_LENGTH - 1;

    private static final char ESCAPE = '%';
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private CellValues() {
    }

    /** Why text cannot be a cell, or null when it can. */
    public static String cellProblem(String text) {
        if (text.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
            return "is not well-formed Unicode text (it holds an unpaired surrogate)";
        }
        if (text.length() > CsvRecordReader.MAX_FIELD_CHARS) {
            return "is " + text.length() + " characters long, more than the " + CsvRecordReader.MAX_FIELD_CHARS
                    + " of a cell";
        }
        return null;
    }

    /** Why raw text cannot become a sequence value by {@link #sequenceValue(String)}, or null when it can. */
    public static String sequenceValueProblem(String raw) {
        if (raw.isEmpty()) {
            return "is empty, and a history holds no empty value";
        }
        String problem = cellProblem(raw);
        if (problem != null) {
            return problem;
        }
        int length = sequenceValue(raw).length();
        if (length > MAX_SEQUENCE_VALUE_CHARS) {
            return "is " + length + " characters long as a sequence value, more than the " + MAX_SEQUENCE_VALUE_CHARS
                    + " that fit a full history in one cell";
        }
        return null;
    }

    /** The sequence value of raw text: the text with each separator and {@code %} written as {@code %XX}. */
    public static String sequenceValue(String raw) {
        if (!needsEscape(raw)) {
            return raw;
        }
        StringBuilder value = new StringBuilder(raw.length() + 8);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (isReserved(c)) {
                value.append(ESCAPE).append(HEX.toHexDigits((byte) c));
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    /**
     * The raw text a sequence value stands for: {@link #sequenceValue(String)} undone. A {@code %} without two hex
     * digits after it (a value written by hand) stays as it is.
     */
    public static String rawText(String value) {
        if (value.indexOf(ESCAPE) < 0) {
            return value;
        }
        StringBuilder raw = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ESCAPE && i + 2 < value.length() && HexFormat.isHexDigit(value.charAt(i + 1))
                    && HexFormat.isHexDigit(value.charAt(i + 2))) {
                raw.append((char) HexFormat.fromHexDigits(value, i + 1, i + 3));
                i += 2;
            } else {
                raw.append(c);
            }
        }
        return raw.toString();
    }

    /** Text as an error message about a cell shows it: in quotes, cut short when long. */
    public static String quoted(String text) {
        return "'" + (text.length() <= 60 ? text : text.substring(0, 57) + "...") + "'";
    }

    static boolean isSeparator(char c) {
        return SEPARATORS.indexOf(c) >= 0;
    }

    private static boolean isReserved(char c) {
        return c == ESCAPE || isSeparator(c);
    }

    private static boolean needsEscape(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (isReserved(raw.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
