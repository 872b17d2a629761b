package io.dinplatform.core.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.builders.InteractionFormat;
import io.dinplatform.core.data.builders.InteractionLogReader;
import io.dinplatform.core.data.csv.CsvRecordReader;
import io.dinplatform.core.data.csv.CsvWriter;
import io.dinplatform.core.data.samples.SamplesReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Fuzzes the samples reader (the CSV reader, gzip detection, UTF-8 decoding and the schema checks behind it) with
 * mutated samples files, plain and gzipped, and the raw-log reader with mutated MovieLens logs: whatever the bytes,
 * reading either succeeds or throws the documented {@link DataFormatException} with at least one row error, never
 * another exception. A property test checks that the CSV writer and reader agree on any text. Seeded: a failure names the
 * seed and the input, and {@code -Ddin.fuzz.seed=...} replays it. {@code -Ddin.fuzz.cases=...} runs more.
 */
class DataReadersFuzzTest {

    private static final long SEED = Long.getLong("din.fuzz.seed", 20261128L);
    private static final int CASES = Integer.getInteger("din.fuzz.cases", 3_000);

    @Test
    void mutatedSamplesFilesOnlyEverFailWithADataFormatException() {
        SplittableRandom random = new SplittableRandom(SEED);
        Mutator mutator = new Mutator(random);
        SamplesReader reader = new SamplesReader(SampleFiles.SCHEMA);
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] valid = SampleFiles.validFile(random);
            boolean gzipped = random.nextInt(4) == 0;
            boolean mutateCompressed = gzipped && random.nextBoolean();
            byte[] input = gzipped
                    ? (mutateCompressed
                            ? mutator.mutate(SampleFiles.gzip(valid))
                            : SampleFiles.gzip(mutator.mutate(valid)))
                    : mutator.mutate(valid);
            try {
                long rows = reader.read(new ByteArrayInputStream(input), row -> { });
                assertThat(rows).isPositive();
            } catch (DataFormatException e) {
                refused++;
                assertThat(e.errors()).isNotEmpty().allSatisfy(error -> assertThat(error.row()).isNotNegative());
                assertThat(e.getMessage()).isNotBlank();
            } catch (Throwable unexpected) {
                fail("case " + i + " (seed " + SEED + ", gzipped " + gzipped + "): " + unexpected + " for input "
                        + Base64.getEncoder().encodeToString(input), unexpected);
            }
        }
        assertThat(refused).as("mutations that broke the file").isBetween(CASES / 10, CASES);
    }

    @Test
    void mutatedRawLogsOnlyEverFailWithADataFormatException() {
        SplittableRandom random = new SplittableRandom(SEED);
        Mutator mutator = new Mutator(random);
        for (int i = 0; i < CASES; i++) {
            StringBuilder log = new StringBuilder();
            for (int line = 0; line < 1 + random.nextInt(6); line++) {
                log.append(random.nextInt(20)).append('\t').append(random.nextInt(30)).append('\t')
                        .append(1 + random.nextInt(5)).append('\t').append(880_000_000 + random.nextInt(1000))
                        .append('\n');
            }
            byte[] input = mutator.mutate(log.toString().getBytes(StandardCharsets.UTF_8));
            try {
                InteractionLogReader.read(new ByteArrayInputStream(input), InteractionFormat.MOVIELENS);
            } catch (DataFormatException e) {
                assertThat(e.errors()).isNotEmpty();
            } catch (Throwable unexpected) {
                fail("case " + i + " (seed " + SEED + "): " + unexpected + " for input "
                        + Base64.getEncoder().encodeToString(input), unexpected);
            }
        }
    }

    @Test
    void anyFieldsWrittenAsCsvAreReadBackUnchanged() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < CASES; i++) {
            List<String[]> records = new ArrayList<>();
            int width = 1 + random.nextInt(6);
            for (int r = 0; r < 1 + random.nextInt(5); r++) {
                String[] fields = new String[width];
                for (int f = 0; f < width; f++) {
                    fields[f] = randomText(random);
                }
                records.add(fields);
            }
            StringWriter csv = new StringWriter();
            try (CsvWriter writer = new CsvWriter(csv)) {
                for (String[] record : records) {
                    writer.writeRecord(record);
                }
            }
            if (width == 1 && records.stream().anyMatch(record -> record[0].isEmpty())) {
                continue; // a lone empty field is a blank line, which readers skip by design
            }
            CsvRecordReader reader = new CsvRecordReader(new StringReader(csv.toString()));
            for (String[] expected : records) {
                assertThat(reader.next()).as("case %d (seed %d): %s", i, SEED, csv).containsExactly(expected);
            }
            assertThat(reader.next()).isNull();
        }
    }

    private static String randomText(SplittableRandom random) {
        String alphabet = "ab ,\"\n\r|é€\u200b\u202e\t";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < random.nextInt(12); i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
