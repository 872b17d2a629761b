package io.dinplatform.core.data.samples;

import io.dinplatform.core.data.DataFormatException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random-input properties of the samples reader: whatever text or bytes arrive, the reader either reads rows or
 * rejects the input with a {@link DataFormatException} that says why; no other exception escapes. The inputs come
 * from a seeded generator, so a failure names its seed and trial and reproduces exactly.
 */
class SamplesReaderPropertiesTest {

    private static final long SEED = 20261128L;
    /** The characters that matter to CSV and to sequence cells, plus a little noise. */
    private static final String CSV_ALPHABET = "ab01,|^;\"\r\n\t .-e9";

    @Test
    void randomTextIsReadOrRejectedWithADataFormatException() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int trial = 0; trial < 2000; trial++) {
            String text = csvText(random);
            String context = "seed " + SEED + ", trial " + trial + ", input " + text.replace("\n", "\\n");
            try {
                long rows = read(text.getBytes(StandardCharsets.UTF_8));
                assertThat(rows).as(context).isPositive();
            } catch (DataFormatException e) {
                assertThat(e.errors()).as(context).isNotEmpty()
                        .allSatisfy(error -> assertThat(error.reason()).isNotBlank());
            }
        }
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButADataFormatException() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int trial = 0; trial < 300; trial++) {
            byte[] bytes = new byte[random.nextInt(0, 400)];
            random.nextBytes(bytes);
            try {
                read(bytes);
            } catch (DataFormatException e) {
                assertThat(e.errors()).as("seed %d, trial %d", SEED + 1, trial).isNotEmpty();
            }
        }
    }

    /** Random text over the CSV alphabet and Latin-1, after a valid header half of the time. */
    private static String csvText(SplittableRandom random) {
        StringBuilder text = new StringBuilder(random.nextBoolean() ? SamplesReaderTest.HEADER : "");
        int length = random.nextInt(0, 401);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(4) == 0
                    ? (char) random.nextInt(0, 0x100)
                    : CSV_ALPHABET.charAt(random.nextInt(CSV_ALPHABET.length())));
        }
        return text.toString();
    }

    private static long read(byte[] input) {
        try {
            return new SamplesReader(SamplesReaderTest.SCHEMA).read(new ByteArrayInputStream(input), row -> { });
        } catch (IOException e) {
            throw new AssertionError("an in-memory stream cannot fail", e);
        }
    }
}
