package io.dinplatform.core.data.samples;

import io.dinplatform.core.data.DataFormatException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SamplesReaderPropertiesTest {

    /** Random text made of the characters that matter to CSV, after a valid header half of the time. */
    @Provide
    Arbitrary<String> csvText() {
        Arbitrary<String> body = Arbitraries.strings().withChars("ab01,|^;\"\r\n\t .-e9")
                .withCharRange('\u0000', '\u00ff').ofMaxLength(400);
        return Arbitraries.oneOf(body, body.map(text -> SamplesReaderTest.HEADER + text));
    }

    @Property(tries = 2000)
    void randomTextIsReadOrRejectedWithADataFormatException(@ForAll("csvText") String text) {
        try {
            long rows = new SamplesReader(SamplesReaderTest.SCHEMA)
                    .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), row -> { });
            assertThat(rows).isPositive();
        } catch (DataFormatException e) {
            assertThat(e.errors()).isNotEmpty().allSatisfy(error -> assertThat(error.reason()).isNotBlank());
        } catch (IOException e) {
            throw new AssertionError("an in-memory stream cannot fail", e);
        }
    }

    @Property(tries = 300)
    void randomBytesNeverEscapeAsAnythingButADataFormatException(@ForAll byte[] bytes) throws IOException {
        try {
            new SamplesReader(SamplesReaderTest.SCHEMA).read(new ByteArrayInputStream(bytes), row -> { });
        } catch (DataFormatException e) {
            assertThat(e.errors()).isNotEmpty();
        }
    }
}
