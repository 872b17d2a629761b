package io.dinplatform.worker.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dinplatform.core.data.csv.TextLimit;
import io.dinplatform.core.data.samples.SampleRecords;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import io.dinplatform.registry.reference.DatasetContent;
import io.dinplatform.registry.reference.ReferencedObjectChangedException;
import io.dinplatform.worker.lease.PermanentJobFailure;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Streams one partition's range of the rows of a dataset version, with their raw values, one at a time (the data is
 * never held in memory): its stored file, or its referenced objects read in order as one file (each with its own
 * header, rows numbered across them). It parses past the rows before the range and ends after its last. It saves no
 * position: a partition's part is one staged artifact, so a partition that executes again starts over from its first
 * row.
 *
 * <p>Every file it reads from is read to its end (the rest of the last one once the range is complete), so that a
 * referenced object that changed since its registration fails the partition for good, naming the object.
 *
 * <p>The raw values go to the model's own encoder, exactly as an online prediction's do, so a row scores here what it
 * would score through {@code predict}. A missing numeric value is 0, as in training.
 */
public class DatasetRowReader extends AbstractItemCountingItemStreamItemReader<DatasetRow> {

    /** The name under which the reader's position is saved in the step's execution context. */
    static final String NAME = "datasetRows";

    private final List<DatasetContent.Part> parts;
    private final FeatureSchema schema;
    private final long firstRow;
    private final long rowCount;
    private long handedOut;
    private int partIndex;
    private long rowsBefore;
    private InputStream input;
    private SampleRecords csv;
    private Columns columns;

    /**
     * @param parts    the version's files in reading order
     * @param firstRow how many data rows come before the range
     * @param rowCount the rows of the range
     */
    public DatasetRowReader(List<DatasetContent.Part> parts, FeatureSchema schema, long firstRow, long rowCount) {
        this.parts = List.copyOf(parts);
        this.schema = schema;
        this.firstRow = firstRow;
        this.rowCount = rowCount;
        setName(NAME);
        setSaveState(false);
    }

    /** The feature that names the candidate item in the result: the target of the first history, if any. */
    static String itemFeature(FeatureSchema schema) {
        if (!schema.sequenceTargets().isEmpty()) {
            return schema.sequenceTargets().get(0).name();
        }
        return schema.categorical().stream().map(FeatureSpec::name).filter(n -> !n.equals(schema.effectiveGroup()))
                .findFirst().orElse(null);
    }

    @Override
    protected void doOpen() throws IOException {
        handedOut = 0;
        partIndex = -1;
        rowsBefore = 0;
        for (long skipped = 0; skipped < firstRow; skipped++) {
            if (nextRecord() == null) {
                throw new PermanentJobFailure("the dataset has " + skipped + " rows, fewer than the "
                        + firstRow + " before this partition");
            }
        }
    }

    @Override
    protected DatasetRow doRead() throws IOException {
        if (handedOut == rowCount) {
            finishPart();
            return null;
        }
        String[] fields = nextRecord();
        if (fields == null) {
            return null;
        }
        handedOut++;
        long row = rowsBefore + csv.recordNumber();
        if (fields.length != columns.width()) {
            throw new PermanentJobFailure("row " + row + " of the dataset has " + fields.length
                    + " fields but its header has " + columns.width());
        }
        return columns.row(row, fields);
    }

    /** The next data record, past blank lines and into the next file; null at the end of the last. */
    private String[] nextRecord() throws IOException {
        while (csv != null || openNextPart()) {
            String[] fields;
            do {
                fields = csv.next();
            } while (fields != null && fields.length == 1 && fields[0].isEmpty() && columns.width() > 1);
            if (fields != null) {
                return fields;
            }
            rowsBefore += csv.recordNumber();
            finishPart();
        }
        return null;
    }

    private boolean openNextPart() throws IOException {
        if (++partIndex >= parts.size()) {
            return false;
        }
        DatasetContent.Part part = parts.get(partIndex);
        input = unchanged(part::open);
        csv = SampleRecords.open(input, TextLimit.NONE, schema.sequenceDelimiterChar());
        String[] header = csv.next();
        if (header == null) {
            throw new PermanentJobFailure("the dataset file " + part.name() + " is empty");
        }
        columns = Columns.resolve(schema, header);
        return true;
    }

    /** Reads the current file to its end (where a referenced object is checked) and closes it. */
    private void finishPart() throws IOException {
        if (input == null) {
            return;
        }
        try (InputStream finished = input; SampleRecords records = csv) {
            unchanged(() -> finished.transferTo(OutputStream.nullOutputStream()));
        } finally {
            input = null;
            csv = null;
        }
    }

    /** Runs a read, turning a referenced object found changed into a permanent failure that names it. */
    private static <T> T unchanged(IoCall<T> call) throws IOException {
        try {
            return call.run();
        } catch (ReferencedObjectChangedException e) {
            throw new PermanentJobFailure(e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T run() throws IOException;
    }

    @Override
    protected void doClose() throws IOException {
        if (input != null) {
            try (InputStream open = input; SampleRecords records = csv) {
                input = null;
                csv = null;
            }
        }
    }

    /** Where the values the result and the model need sit in the file's header. */
    private record Columns(int width, int group, int item, int label, Map<String, Integer> features,
                           List<String> numeric) {

        static Columns resolve(FeatureSchema schema, String[] header) {
            Map<String, Integer> positions = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                positions.putIfAbsent(header[i].trim(), i);
            }
            Map<String, Integer> features = new LinkedHashMap<>();
            List<String> numeric = new ArrayList<>();
            for (FeatureSpec feature : schema.features()) {
                features.put(feature.name(), required(positions, feature.name()));
                if (feature.kind() == FeatureKind.NUMERIC) {
                    numeric.add(feature.name());
                }
            }
            String item = itemFeature(schema);
            return new Columns(header.length, required(positions, schema.effectiveGroup()),
                    item == null ? -1 : required(positions, item),
                    schema.label() == null ? -1 : required(positions, schema.label()), features, numeric);
        }

        private static int required(Map<String, Integer> positions, String column) {
            Integer position = positions.get(column);
            if (position == null) {
                throw new PermanentJobFailure("the dataset file has no column '" + column + "' (the model needs it)");
            }
            return position;
        }

        DatasetRow row(long row, String[] fields) {
            Map<String, String> instance = new HashMap<>(features.size() * 2);
            features.forEach((name, position) -> instance.put(name, fields[position]));
            numeric.forEach(name -> instance.computeIfPresent(name, (n, value) -> value.isBlank() ? "0" : value));
            return new DatasetRow(row, fields[group], item < 0 ? "" : fields[item],
                    label < 0 ? null : fields[label].trim(), instance);
        }
    }
}
