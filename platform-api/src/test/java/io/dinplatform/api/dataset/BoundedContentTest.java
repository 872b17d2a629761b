package io.dinplatform.api.dataset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import io.dinplatform.core.data.DataFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedContentTest {

    private static final long LIMIT = 1 << 20;

    @Test
    void plainAndGzippedContentWithinTheLimitIsReadAsItIs() throws IOException {
        byte[] text = "a,b\n1,2\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

        assertThat(readAll(text)).isEqualTo(text);
        assertThat(readAll(gzip(text))).isEqualTo(text);
    }

    @Test
    void aGzipBombIsRefusedOnceItExpandsBeyondTheLimit() {
        byte[] lineBreaks = new byte[16 << 20];
        Arrays.fill(lineBreaks, (byte) '\n');
        byte[] bomb = gzip(lineBreaks);
        assertThat(bomb.length).as("compressed size").isLessThan(100_000);

        assertThatThrownBy(() -> readAll(bomb)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("din.datasets.max-uncompressed-size");
    }

    @Test
    void aGzipInsideAGzipIsRefusedBeforeAnythingIsRead() {
        byte[] nested = gzip(gzip("a,b\n".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> BoundedContent.open(new ByteArrayInputStream(nested), LIMIT))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("compressed twice");
    }

    @Test
    void aTruncatedGzipIsADataErrorNotAnIoError() {
        byte[] gzip = gzip("a,b\n".repeat(10).getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(gzip, gzip.length / 2);

        assertThatThrownBy(() -> readAll(truncated)).isInstanceOf(DataFormatException.class);
    }

    private static byte[] readAll(byte[] raw) throws IOException {
        try (InputStream in = BoundedContent.open(new ByteArrayInputStream(raw), LIMIT)) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
