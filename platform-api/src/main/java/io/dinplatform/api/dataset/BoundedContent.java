package io.dinplatform.api.dataset;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.csv.TextInput;

/**
 * An uploaded file's content as text bytes, decompressed when gzipped, that stops with a clear error once it has
 * produced more than a limit. A gzip bomb (a few megabytes that expand to terabytes) is refused after reading the
 * limit, and a gzip inside a gzip is refused at once, since a second decompression would escape the bound.
 */
final class BoundedContent extends FilterInputStream {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int BUFFER_BYTES = 1 << 16;

    private final long limit;
    private long produced;

    private BoundedContent(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** The content of {@code raw}, decompressed if gzipped, bounded to {@code limit} bytes. */
    static InputStream open(InputStream raw, long limit) throws IOException {
        InputStream content = new BufferedInputStream(TextInput.decompressIfGzipped(raw), BUFFER_BYTES);
        content.mark(2);
        int first;
        int second;
        try {
            first = content.read();
            second = content.read();
        } catch (IOException e) {
            throw contentError(e);
        }
        content.reset();
        // raw content that starts like gzip was decompressed above: starting like gzip again, it was compressed twice
        if (first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2) {
            throw DataFormatException.of(0, null, "the file is compressed twice (a gzip inside a gzip); upload it "
                    + "compressed once");
        }
        return new BoundedContent(content, limit);
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = super.read();
        } catch (IOException e) {
            throw contentError(e);
        }
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (IOException e) {
            throw contentError(e);
        }
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** A corrupt or truncated gzip is the file's fault (422), unlike a failing disk or connection. */
    private static IOException contentError(IOException e) {
        if (TextInput.isContentError(e)) {
            throw DataFormatException.of(0, null, TextInput.describeContentError(e, StandardCharsets.UTF_8));
        }
        return e;
    }

    private void count(long bytes) {
        produced += bytes;
        if (produced > limit) {
            throw DataFormatException.of(0, null, "the file expands to more than " + limit + " bytes once "
                    + "decompressed (setting din.datasets.max-uncompressed-size); nothing was stored");
        }
    }
}
