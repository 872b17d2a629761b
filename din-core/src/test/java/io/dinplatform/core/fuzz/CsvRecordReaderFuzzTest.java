package io.dinplatform.core.fuzz;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.csv.CsvRecordReader;
import io.dinplatform.core.data.csv.CsvWriter;

/**
 * Coverage-guided fuzzing of the CSV record reader with Jazzer, on any text: it reads records until the end, or
 * throws a {@link DataFormatException} with at least one row error; any other throwable is a finding. What it
 * reads, written again by {@link CsvWriter} and read back, must be the same records: the writer and the reader
 * agree on quoting, line breaks and byte order marks.
 *
 * <p>{@code mvn verify} replays the seed corpus (resources {@code CsvRecordReaderFuzzTestInputs/records}) in the
 * ordinary test run, then fuzzes for {@code din.fuzz.duration}; see the README to fuzz longer.
 */
class CsvRecordReaderFuzzTest {

    // No line breaks in the dictionary: Jazzer 0.30 writes them unescaped, which breaks libFuzzer's dictionary
    // file. The seeds have plenty, and libFuzzer finds the comparisons with '\n' and '\r' on its own.
    @FuzzTest
    @DictionaryEntries({",", "\"", "\"\"", "\uFEFF", "|", "^", "\",\"", "\",\"\""})
    void records(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        List<String[]> records;
        try {
            records = readAll(text);
        } catch (DataFormatException e) {
            ReaderRefusals.requireRowErrors(input, e);
            return;
        } catch (Throwable unexpected) {
            throw FuzzFinding.of(input, "the reader threw " + unexpected + " instead of a data format error",
                    unexpected);
        }
        List<String[]> readBack;
        try {
            readBack = readAll(write(records));
        } catch (DataFormatException e) {
            throw FuzzFinding.of(input, "the reader refused what the writer wrote for " + show(records), e);
        }
        if (!sameRecords(records, readBack)) {
            throw FuzzFinding.of(input, "written and read again, the records changed: " + show(records) + " became "
                    + show(readBack), null);
        }
    }

    private static List<String[]> readAll(String text) {
        try (CsvRecordReader reader = new CsvRecordReader(new StringReader(text))) {
            List<String[]> records = new ArrayList<>();
            for (String[] record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("a string reader does not fail", e);
        }
    }

    private static String write(List<String[]> records) {
        StringWriter text = new StringWriter();
        try (CsvWriter writer = new CsvWriter(text)) {
            for (String[] record : records) {
                writer.writeRecord(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a string writer does not fail", e);
        }
        return text.toString();
    }

    private static boolean sameRecords(List<String[]> expected, List<String[]> actual) {
        return expected.size() == actual.size()
                && IntStream.range(0, expected.size())
                        .allMatch(i -> Arrays.equals(expected.get(i), actual.get(i)));
    }

    private static String show(List<String[]> records) {
        return records.stream().map(Arrays::toString).toList().toString();
    }
}
