package io.dinplatform.core.fuzz;

import java.io.ByteArrayInputStream;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.samples.SamplesReader;

/**
 * Coverage-guided fuzzing of the samples reader (gzip detection, strict UTF-8 decoding, the CSV reader, the header
 * and row checks) with Jazzer. Every input is read twice, as it is and gzipped, and both readings must keep the
 * reader's contract: the rows are read, or a {@link DataFormatException} lists at least one row error. Any other
 * throwable is a finding. Gzipping must not change the outcome, except that bytes that already start like gzip are
 * decompressed in the first reading.
 *
 * <p>{@code mvn verify} replays the seed corpus (resources {@code SamplesReaderFuzzTestInputs/samplesFiles}) in
 * the ordinary test run, then fuzzes for {@code din.fuzz.duration}; see the README to fuzz longer.
 */
class SamplesReaderFuzzTest {

    private static final SamplesReader READER = new SamplesReader(SampleFiles.SCHEMA);

    // No line breaks in the dictionary: Jazzer 0.30 writes them unescaped, which breaks libFuzzer's dictionary
    // file. The seeds have plenty, and libFuzzer finds the comparisons with '\n' and '\r' on its own.
    @FuzzTest
    @DictionaryEntries({"user_id", "item_id", "hist_item_id", "price", "split", "label", "train", "valid", "test",
            ",", "\"", "\"\"", "|", "\uFEFF", "NaN", "Infinity", "-0", "1e39", "0", "1"})
    void samplesFiles(byte[] file) {
        Outcome plain = read(file);
        Outcome gzipped = read(SampleFiles.gzip(file));
        if (!startsLikeGzip(file) && !plain.equals(gzipped)) {
            throw FuzzFinding.of(file, "gzipping the file changed how it reads: " + plain + " plain but " + gzipped
                    + " gzipped", null);
        }
    }

    private static Outcome read(byte[] file) {
        try {
            return Outcome.rows(READER.read(new ByteArrayInputStream(file), row -> { }));
        } catch (DataFormatException e) {
            ReaderRefusals.requireRowErrors(file, e);
            return Outcome.refused();
        } catch (Throwable unexpected) {
            throw FuzzFinding.of(file, "the reader threw " + unexpected + " instead of a data format error",
                    unexpected);
        }
    }

    private static boolean startsLikeGzip(byte[] file) {
        return file.length >= 2 && file[0] == (byte) 0x1f && file[1] == (byte) 0x8b;
    }

    /**
     * What reading a file gave: the number of rows, or a refusal. Not which row errors: where a decoding error
     * surfaces depends on how the bytes arrive, which gzip changes.
     */
    private record Outcome(boolean read, long rows) {

        static Outcome rows(long rows) {
            return new Outcome(true, rows);
        }

        static Outcome refused() {
            return new Outcome(false, 0);
        }

        @Override
        public String toString() {
            return read ? rows + " rows" : "refused";
        }
    }
}
