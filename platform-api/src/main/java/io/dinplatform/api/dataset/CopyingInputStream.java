package io.dinplatform.api.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Delivers a stream's bytes and writes each one to a copy as it passes, so that one read of an upload both checks
 * it and stores it. It extends {@link InputStream} rather than {@code FilterInputStream} on purpose: the inherited
 * {@link InputStream#skip} reads the bytes it skips through {@link #read(byte[], int, int)}, so skipped bytes are
 * copied too and the copy is always the whole prefix read so far.
 */
final class CopyingInputStream extends InputStream {

    private final InputStream in;
    private final OutputStream copy;

    CopyingInputStream(InputStream in, OutputStream copy) {
        this.in = in;
        this.copy = copy;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            copy.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            copy.write(buffer, offset, n);
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
