package io.dinplatform.worker.scoring;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import io.dinplatform.core.data.csv.CsvRecordReader;
import io.dinplatform.core.data.csv.CsvWriter;
import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.worker.lease.PermanentJobFailure;

/**
 * The result of a batch prediction: a CSV with a header, one line per dataset row, in the dataset's order:
 * {@code row,group,item,score[,label]}. Scores are written as Java writes a float, which reads back to the same
 * float.
 */
public final class ScoresFile {

    private ScoresFile() {
    }

    /** The first line, with its line break. */
    static String header(boolean labelled) {
        return line(labelled ? new String[] {"row", "group", "item", "score", "label"}
                : new String[] {"row", "group", "item", "score"});
    }

    /** The line of one scored row, with its line break. */
    static String line(ScoredRow row) {
        return line(fields(row));
    }

    private static String[] fields(ScoredRow row) {
        String[] fields = {Long.toString(row.row()), row.group(), row.item(), Float.toString(row.score())};
        if (row.label() == null) {
            return fields;
        }
        return new String[] {fields[0], fields[1], fields[2], fields[3], row.label()};
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
     * labels, the metrics of the scores (AUC, GAUC by group, log loss), else null.
     *
     * @param rows the dataset's number of rows
     */
    static EvaluationMetrics verify(Reader in, long rows) throws IOException {
        if (rows > Integer.MAX_VALUE) {
            throw new PermanentJobFailure("a dataset of " + rows + " rows is too large to evaluate in memory");
        }
        float[] scores = new float[(int) rows];
        float[] labels = new float[(int) rows];
        int[] groups = new int[(int) rows];
        Map<String, Integer> groupIds = new HashMap<>();
        int n = 0;
        CsvRecordReader csv = new CsvRecordReader(in);
        boolean labelled = csv.next().length == 5;
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
            labels[n] = labelled ? Float.parseFloat(fields[4]) : 0f;
            n++;
        }
        if (n != rows) {
            throw new PermanentJobFailure("the scores file has " + n + " rows but the dataset has " + rows);
        }
        return labelled ? EvaluationMetrics.of(scores, labels, groups) : null;
    }
}
