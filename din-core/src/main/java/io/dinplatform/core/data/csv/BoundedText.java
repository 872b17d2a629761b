package io.dinplatform.core.data.csv;

import io.dinplatform.core.data.DataFormatException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Text bytes that stop with a {@link DataFormatException} once there are more than a {@link TextLimit}. */
final class BoundedText extends FilterInputStream {

    private final TextLimit limit;
    private long produced;

    BoundedText(InputStream text, TextLimit limit) {
        super(text);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
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

    private void count(long bytes) {
        produced += bytes;
        if (produced > limit.maxBytes()) {
            throw DataFormatException.of(0, null, "the file expands to more than " + limit.maxBytes()
                    + " bytes once decompressed (setting " + limit.setting() + ")");
        }
    }
}
