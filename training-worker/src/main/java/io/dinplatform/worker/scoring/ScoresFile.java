package io.dinplatform.worker.scoring;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.dinplatform.core.data.csv.CsvRecordReader;
import io.dinplatform.core.data.csv.CsvWriter;
import io.dinplatform.core.metrics.BaselineMetrics;
import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.core.metrics.PopularityBaseline;
import io.dinplatform.worker.lease.PermanentJobFailure;

/**
 * The result of a batch prediction: a CSV with a header, one line per dataset row, in the dataset's order:
 * {@code row,group,item,score[,label],unknownFeatures}. Scores are written as Java writes a float, which reads back to
 * the same float; {@code unknownFeatures} names the features whose id the model does not know, joined by
 * {@value #UNKNOWN_FEATURES_DELIMITER} (empty when it knows every id).
 */
public final class ScoresFile {

    static final String UNKNOWN_FEATURES_DELIMITER = "|";

    private ScoresFile() {
    }

    /** The first line, with its line break. */
    static String header(boolean labelled) {
        return line(labelled ? new String[] {"row", "group", "item", "score", "label", "unknownFeatures"}
                : new String[] {"row", "group", "item", "score", "unknownFeatures"});
    }

    /** The line of one scored row, with its line break. */
    static String line(ScoredRow row) {
        return line(fields(row));
    }

    private static String[] fields(ScoredRow row) {
        String unknown = String.join(UNKNOWN_FEATURES_DELIMITER, row.unknownFeatures());
        String[] fields = {Long.toString(row.row()), row.group(), row.item(), Float.toString(row.score())};
        if (row.label() == null) {
            return new String[] {fields[0], fields[1], fields[2], fields[3], unknown};
        }
        return new String[] {fields[0], fields[1], fields[2], fields[3], row.label(), unknown};
    }

    /** One CSV record with its line break, quoted where a value needs it. */
    private static String line(String[] fields) {
        StringWriter text = new StringWriter();
        try (CsvWriter csv = new CsvWriter(text)) {
            csv.writeRecord(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * Reads a whole result (to its end) and checks that it holds every row of the dataset exactly once, in order; with
     * labels, the metrics of the scores (AUC, GAUC by group, log loss) and the popularity baseline's on the same
     * rows, else null.
     *
     * @param rows      the dataset's number of rows
     * @param baselines the model's popularity baseline, asked for only when the file has labels; it may answer null
     *                  when the model's schema has no item
     */
    static Evaluation verify(Reader in, long rows, Supplier<PopularityBaseline> baselines) throws IOException {
        if (rows > Integer.MAX_VALUE) {
            throw new PermanentJobFailure("a dataset of " + rows + " rows is too large to evaluate in memory");
        }
        float[] scores = new float[(int) rows];
        float[] labels = new float[(int) rows];
        float[] popularity = new float[(int) rows];
        int[] groups = new int[(int) rows];
        Map<String, Integer> groupIds = new HashMap<>();
        int n = 0;
        CsvRecordReader csv = new CsvRecordReader(in);
        boolean labelled = Arrays.asList(csv.next()).contains("label");
        PopularityBaseline baseline = labelled ? baselines.get() : null;
        long previous = 0;
        for (String[] fields = csv.next(); fields != null; fields = csv.next()) {
            long row = Long.parseLong(fields[0]);
            if (row <= previous || n == rows) {
                throw new PermanentJobFailure("the scores file is not one line per dataset row in order: row "
                        + row + " follows row " + previous + " (line " + (n + 2) + ")");
            }
            previous = row;
            groups[n] = groupIds.computeIfAbsent(fields[1], g -> groupIds.size());
            scores[n] = Float.parseFloat(fields[3]);
            popularity[n] = baseline == null ? 0f : baseline.score(fields[2]);
            labels[n] = labelled ? Float.parseFloat(fields[4]) : 0f;
            n++;
        }
        if (n != rows) {
            throw new PermanentJobFailure("the scores file has " + n + " rows but the dataset has " + rows);
        }
        if (!labelled) {
            return null;
        }
        return new Evaluation(EvaluationMetrics.of(scores, labels, groups),
                baseline == null ? null : BaselineMetrics.of(popularity, labels, groups));
    }

    /** The model's metrics on a labelled file, and the baseline's on the same rows (null without an item). */
    record Evaluation(EvaluationMetrics metrics, BaselineMetrics baseline) {
    }
}
