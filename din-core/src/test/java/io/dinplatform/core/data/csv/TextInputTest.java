package io.dinplatform.core.data.csv;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import io.dinplatform.core.data.DataFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextInputTest {

    private static final TextLimit ONE_MIB = new TextLimit(1 << 20, "test.max-text");

    @Test
    void plainAndGzippedTextWithinTheLimitIsReadAsItIs() throws IOException {
        byte[] text = "a,b\n1,2\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

        assertThat(readAll(text, ONE_MIB)).isEqualTo(text);
        assertThat(readAll(gzip(text), ONE_MIB)).isEqualTo(text);
    }

    @Test
    void aGzipBombIsRefusedOnceItExpandsBeyondTheLimitNamingTheSetting() {
        byte[] lineBreaks = new byte[16 << 20];
        Arrays.fill(lineBreaks, (byte) '\n');
        byte[] bomb = gzip(lineBreaks);
        assertThat(bomb.length).as("compressed size").isLessThan(100_000);

        assertThatThrownBy(() -> readAll(bomb, ONE_MIB)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(String.valueOf(1 << 20)).hasMessageContaining("test.max-text");
    }

    @Test
    void plainTextIsBoundedToo() {
        byte[] text = new byte[(1 << 20) + 1];
        Arrays.fill(text, (byte) 'a');

        assertThatThrownBy(() -> readAll(text, ONE_MIB)).isInstanceOf(DataFormatException.class);
    }

    @Test
    void aGzipInsideAGzipIsRefusedBeforeAnythingIsRead() {
        byte[] nested = gzip(gzip("a,b\n".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> TextInput.open(new ByteArrayInputStream(nested), ONE_MIB))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("compressed twice");
    }

    @Test
    void aCorruptGzipHeaderIsADataError() {
        byte[] corrupt = {0x1f, (byte) 0x8b, 0x00, 0x7f, 1, 2, 3};

        assertThatThrownBy(() -> TextInput.open(new ByteArrayInputStream(corrupt), ONE_MIB))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("header is corrupt");
    }

    @Test
    void aTruncatedGzipIsAContentErrorWhileReading() throws IOException {
        byte[] gzip = gzip("a,b\n".repeat(10_000).getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(gzip, gzip.length / 2);

        try (Reader reader = TextInput.reader(new ByteArrayInputStream(truncated), StandardCharsets.UTF_8)) {
            assertThatThrownBy(() -> reader.transferTo(java.io.Writer.nullWriter()))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(TextInput.isContentError((IOException) e)).isTrue());
        }
    }

    @Test
    void bytesThatAreNotTextInTheCharsetAreAContentError() throws IOException {
        byte[] latin1 = "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

        try (Reader reader = TextInput.reader(new ByteArrayInputStream(latin1), StandardCharsets.UTF_8)) {
            assertThatThrownBy(() -> reader.transferTo(java.io.Writer.nullWriter()))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(TextInput.describeContentError((IOException) e,
                            StandardCharsets.UTF_8)).contains("not UTF-8"));
        }
    }

    private static byte[] readAll(byte[] raw, TextLimit limit) throws IOException {
        try (InputStream in = TextInput.open(new ByteArrayInputStream(raw), limit)) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
