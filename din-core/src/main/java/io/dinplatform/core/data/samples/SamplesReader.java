package io.dinplatform.core.data.samples;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.GroupSplitter;
import io.dinplatform.core.data.RowError;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.csv.TextInput;
import io.dinplatform.core.data.csv.TextLimit;
import io.dinplatform.core.data.parquet.ParquetFormatException;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaValidator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams a samples file (docs/architecture.md, 'The samples format and the schema': CSV with a header, UTF-8,
 * optionally gzipped, or Parquet, see {@link SampleRecords}) row by row, checking every row against the schema. Rows
 * are handed to a consumer as they are read; the file is never held in memory. {@link TextInput} decompresses the file and bounds its text to the
 * reader's {@link TextLimit}.
 *
 * <p>A file with problems is reported as a whole: the reader collects row errors (up to
 * {@link DataFormatException#MAX_REPORTED_ERRORS}), stops, and throws them in one {@link DataFormatException}. The
 * consumer may have seen the good rows before the error, so a caller builds its result from the consumer only after
 * {@code read} returns: a broken file never yields a partial dataset. Blank lines are skipped.
 */
public final class SamplesReader {

    private final FeatureSchema schema;
    private final GroupSplitter splitter;
    private final SequenceCellParser sequenceParser;
    private final TextLimit limit;

    /**
     * Rows without a split column are assigned by {@code splitter} from their group value; a file whose text is
     * longer than {@code limit} (an upload that is a gzip bomb) is refused.
     */
    public SamplesReader(FeatureSchema schema, GroupSplitter splitter, TextLimit limit) {
        this.schema = FeatureSchemaValidator.validate(schema);
        this.splitter = splitter;
        this.sequenceParser = new SequenceCellParser(schema.sequenceDelimiterChar());
        this.limit = limit;
    }

    /** A reader without a limit on the text, for files the platform wrote or checked itself. */
    public SamplesReader(FeatureSchema schema, GroupSplitter splitter) {
        this(schema, splitter, TextLimit.NONE);
    }

    public SamplesReader(FeatureSchema schema) {
        this(schema, GroupSplitter.DEFAULT);
    }

    public FeatureSchema schema() {
        return schema;
    }

    /** Reads a file (a Parquet file in place); see {@link #read(InputStream, Consumer)}. */
    public long read(Path file, Consumer<SampleRow> consumer) throws IOException {
        long rows;
        try (SampleRecords records = readable(() -> SampleRecords.open(file, limit, schema.sequenceDelimiterChar()))) {
            rows = readPart(records, consumer);
        }
        if (rows == 0) {
            throw DataFormatException.of(0, null, "the file has a header but no data rows");
        }
        return rows;
    }

    /**
     * Reads every row into the consumer and returns the number of rows. The stream is not closed.
     *
     * @throws DataFormatException listing the problems when the header or any row is bad, or the file is empty,
     *                             has no data row, is not UTF-8 text, is a corrupt gzip, or its text is longer
     *                             than the limit
     * @throws IOException         when the stream itself fails
     */
    public long read(InputStream in, Consumer<SampleRow> consumer) throws IOException {
        long rows = readPart(in, consumer);
        if (rows == 0) {
            throw DataFormatException.of(0, null, "the file has a header but no data rows");
        }
        return rows;
    }

    /**
     * Reads every part of the source in order into the consumer and returns the number of rows of all parts. A part
     * may hold a header alone (a job's empty partition), but not every part. Each part is read to its end; when a
     * part is bad and reading it to its end fails (a stream that finds its content changed), that failure is
     * thrown: the part is not what was checked, and its damage is no data error to report.
     *
     * @throws DataFormatException as {@link #read(InputStream, Consumer)}, each error naming its part when there
     *                             are several
     */
    public long read(SamplesSource source, Consumer<SampleRow> consumer) throws IOException {
        long rows = 0;
        for (SamplesSource.Part part : source.parts()) {
            try (InputStream in = part.open()) {
                rows += readToEnd(part, in, consumer, source.single());
            }
        }
        if (rows == 0) {
            throw DataFormatException.of(0, null, source.single() ? "the file has a header but no data rows"
                    : "none of the " + source.parts().size() + " files has a data row");
        }
        return rows;
    }

    private long readToEnd(SamplesSource.Part part, InputStream in, Consumer<SampleRow> consumer, boolean single)
            throws IOException {
        long rows;
        try {
            rows = readPart(in, consumer);
        } catch (DataFormatException e) {
            try {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException changed) {
                changed.addSuppressed(e);
                throw changed;
            }
            throw single ? e : new DataFormatException(e.errors().stream()
                    .map(error -> new RowError(error.row(), error.column(), "in " + part.name() + ": "
                            + error.reason()))
                    .toList());
        }
        // the reader stops at the end of a gzip stream: the rest of the part is read all the same
        in.transferTo(OutputStream.nullOutputStream());
        return rows;
    }

    /** Reads one file's header and rows into the consumer; 0 for a header without rows. */
    private long readPart(InputStream in, Consumer<SampleRow> consumer) throws IOException {
        try (SampleRecords records = readable(() -> SampleRecords.open(in, limit, schema.sequenceDelimiterChar()))) {
            return readPart(records, consumer);
        }
    }

    /** Opens the records, a file that is no readable Parquet being bad data like any other. */
    private static SampleRecords readable(Opening opening) throws IOException {
        try {
            return opening.open();
        } catch (ParquetFormatException e) {
            throw DataFormatException.of(0, null, e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Opening {
        SampleRecords open() throws IOException;
    }

    private long readPart(SampleRecords records, Consumer<SampleRow> consumer) throws IOException {
        List<RowError> errors = new ArrayList<>();
        long rows = 0;
        try {
            rows = readRecords(records, consumer, errors);
        } catch (ParquetFormatException e) {
            errors.add(new RowError(Math.max(records.recordNumber(), 0), null, e.getMessage()));
        } catch (IOException e) {
            if (!TextInput.isContentError(e)) {
                throw e;
            }
            errors.add(new RowError(Math.max(records.recordNumber(), 0), null,
                    TextInput.describeContentError(e, StandardCharsets.UTF_8)));
        } catch (DataFormatException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new DataFormatException(errors.subList(0,
                    Math.min(errors.size(), DataFormatException.MAX_REPORTED_ERRORS)));
        }
        return rows;
    }

    /** Reads the header and the rows, adding row errors to {@code errors}; returns the number of good rows. */
    private long readRecords(SampleRecords csv, Consumer<SampleRow> consumer, List<RowError> errors)
            throws IOException {
        String[] header = csv.next();
        if (header == null) {
            throw DataFormatException.of(0, null, "the file is empty: a header row naming the columns is required");
        }
        ColumnLayout layout = ColumnLayout.resolve(schema, header);
        RowParser parser = new RowParser(schema, layout, splitter, sequenceParser);
        long rows = 0;
        String[] fields;
        while (errors.size() < DataFormatException.MAX_REPORTED_ERRORS && (fields = csv.next()) != null) {
            if (fields.length == 1 && fields[0].isEmpty() && layout.width() > 1) {
                continue;
            }
            SampleRow row = parser.parse(csv.recordNumber(), fields, errors);
            if (row != null) {
                rows++;
                if (errors.isEmpty()) {
                    consumer.accept(row);
                }
            }
        }
        return rows;
    }

    /** Checks one record and turns it into a {@link SampleRow}; null (with errors added) when it is bad. */
    private record RowParser(FeatureSchema schema, ColumnLayout layout, GroupSplitter splitter,
                             SequenceCellParser sequenceParser) {

        SampleRow parse(long row, String[] fields, List<RowError> errors) {
            int errorsBefore = errors.size();
            if (fields.length != layout.width()) {
                errors.add(new RowError(row, null, "has " + fields.length + " fields but the header has "
                        + layout.width()));
                return null;
            }
            int label = label(row, fields[layout.label()], errors);
            String group = fields[layout.group()];
            Split split = layout.split() < 0 ? splitter.splitOf(group) : split(row, fields[layout.split()], errors);
            String[] categorical = new String[layout.categorical().length];
            for (int i = 0; i < categorical.length; i++) {
                categorical[i] = fields[layout.categorical()[i]];
            }
            SequenceCell[] sequences = sequences(row, fields, errors);
            float[] numeric = numeric(row, fields, errors);
            return errors.size() == errorsBefore
                    ? new SampleRow(row, label, split, group, categorical, sequences, numeric)
                    : null;
        }

        private int label(long row, String cell, List<RowError> errors) {
            String value = cell.trim();
            if (value.equals("0") || value.equals("1")) {
                return value.charAt(0) - '0';
            }
            errors.add(new RowError(row, schema.label(), "the label must be 0 or 1, got '" + cell + "'"));
            return -1;
        }

        private Split split(long row, String cell, List<RowError> errors) {
            return Split.parse(cell).orElseGet(() -> {
                errors.add(new RowError(row, schema.split(), "the split must be train, valid or test, got '"
                        + cell + "'"));
                return null;
            });
        }

        private SequenceCell[] sequences(long row, String[] fields, List<RowError> errors) {
            int[] columns = layout.sequences();
            SequenceCell[] sequences = new SequenceCell[columns.length];
            int firstValid = -1;
            for (int i = 0; i < columns.length; i++) {
                String column = layout.name(columns[i]);
                sequences[i] = sequenceParser.parse(fields[columns[i]], row, column, errors);
                if (sequences[i] == null) {
                    continue;
                }
                if (firstValid < 0) {
                    firstValid = i;
                } else if (sequences[i].length() != sequences[firstValid].length()) {
                    errors.add(new RowError(row, column, "has " + sequences[i].length() + " values but '"
                            + layout.name(columns[firstValid]) + "' has " + sequences[firstValid].length()
                            + ": all sequences of a row describe the same history and must have equal length"));
                }
            }
            return sequences;
        }

        private float[] numeric(long row, String[] fields, List<RowError> errors) {
            int[] columns = layout.numeric();
            float[] values = new float[columns.length];
            for (int i = 0; i < columns.length; i++) {
                values[i] = number(row, layout.name(columns[i]), fields[columns[i]], errors);
            }
            return values;
        }

        private static float number(long row, String column, String cell, List<RowError> errors) {
            String value = cell.trim();
            if (value.isEmpty()) {
                return Float.NaN;
            }
            try {
                float parsed = Float.parseFloat(value);
                if (Float.isFinite(parsed)) {
                    return parsed;
                }
                errors.add(new RowError(row, column, "the number must be finite, got '" + cell + "'"));
            } catch (NumberFormatException e) {
                errors.add(new RowError(row, column, "not a number: '" + cell + "'"));
            }
            return Float.NaN;
        }
    }
}
