package io.dinplatform.worker.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dinplatform.core.data.csv.CsvRecordReader;
import io.dinplatform.core.data.csv.TextInput;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.worker.lease.PermanentJobFailure;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Streams one partition's range of the rows of a dataset version from the artifact store, with their raw values,
 * one at a time (the file is never held in memory): it parses past the rows before the range and ends after its
 * last. It saves no position: a partition's part is one staged artifact, so a partition that executes again starts
 * over from its first row.
 *
 * <p>The raw values go to the model's own encoder, exactly as an online prediction's do, so a row scores here what it
 * would score through {@code predict}. A missing numeric value is 0, as in training.
 */
public class DatasetRowReader extends AbstractItemCountingItemStreamItemReader<DatasetRow> {

    /** The name under which the reader's position is saved in the step's execution context. */
    static final String NAME = "datasetRows";

    private final ArtifactStore artifacts;
    private final String sha256;
    private final FeatureSchema schema;
    private final long firstRow;
    private final long rowCount;
    private long handedOut;
    private InputStream input;
    private CsvRecordReader csv;
    private Columns columns;

    /**
     * @param firstRow how many data rows come before the range
     * @param rowCount the rows of the range
     */
    public DatasetRowReader(ArtifactStore artifacts, String sha256, FeatureSchema schema, long firstRow,
                            long rowCount) {
        this.artifacts = artifacts;
        this.sha256 = sha256;
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
        input = artifacts.openVerified(sha256);
        csv = new CsvRecordReader(TextInput.reader(input, StandardCharsets.UTF_8));
        String[] header = csv.next();
        if (header == null) {
            throw new PermanentJobFailure("the dataset file is empty");
        }
        columns = Columns.resolve(schema, header);
        handedOut = 0;
        for (long skipped = 0; skipped < firstRow; skipped++) {
            if (nextRecord() == null) {
                throw new PermanentJobFailure("the dataset file has " + skipped + " rows, fewer than the "
                        + firstRow + " before this partition");
            }
        }
    }

    @Override
    protected DatasetRow doRead() throws IOException {
        if (handedOut == rowCount) {
            return null;
        }
        String[] fields = nextRecord();
        if (fields == null) {
            return null;
        }
        handedOut++;
        long row = csv.recordNumber();
        if (fields.length != columns.width()) {
            throw new PermanentJobFailure("row " + row + " of the dataset has " + fields.length
                    + " fields but its header has " + columns.width());
        }
        return columns.row(row, fields);
    }

    /** The next data record, past blank lines; null at the end of the file. */
    private String[] nextRecord() throws IOException {
        String[] fields;
        do {
            fields = csv.next();
        } while (fields != null && fields.length == 1 && fields[0].isEmpty() && columns.width() > 1);
        return fields;
    }

    @Override
    protected void doClose() throws IOException {
        if (input != null) {
            input.close();
            input = null;
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
