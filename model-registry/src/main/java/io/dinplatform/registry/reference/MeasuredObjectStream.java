package io.dinplatform.registry.reference;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;

import io.dinplatform.registry.artifact.Sha256;
import io.dinplatform.registry.dataset.DatasetObject;

/**
 * One referenced object as it streams: hashed and counted. At registration it measures the object
 * ({@link #measured()}); later, given what was registered, it checks the object when its content ends, so that a
 * reader never completes on a changed object: the end is then a {@link ReferencedObjectChangedException}.
 */
public final class MeasuredObjectStream extends FilterInputStream {

    private static final int SKIP_BUFFER_SIZE = 1 << 16;

    private final String location;
    private final DatasetObject registered;
    private final MessageDigest digest;
    private long bytes;
    private DatasetObject measured;

    private MeasuredObjectStream(DigestInputStream in, String location, DatasetObject registered) {
        super(in);
        this.location = location;
        this.registered = registered;
        this.digest = in.getMessageDigest();
    }

    /** Measures an object read for the first time. */
    static MeasuredObjectStream measuring(InputStream in, String location) {
        return new MeasuredObjectStream(new DigestInputStream(in, Sha256.newDigest()), location, null);
    }

    /** Checks an object against what was registered when its content ends. */
    static MeasuredObjectStream verifying(InputStream in, DatasetObject registered) {
        return new MeasuredObjectStream(new DigestInputStream(in, Sha256.newDigest()), registered.location(),
                registered);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            end();
        } else {
            bytes++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            end();
        } else {
            bytes += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipped bytes are hashed all the same, or the measure would be meaningless
        byte[] buffer = new byte[(int) Math.min(SKIP_BUFFER_SIZE, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** The object as read to its end. */
    public DatasetObject measured() {
        if (measured == null) {
            throw new IllegalStateException(location + " has not been read to its end");
        }
        return measured;
    }

    private void end() throws ReferencedObjectChangedException {
        if (measured == null) {
            measured = new DatasetObject(location, Sha256.hex(digest), bytes);
        }
        if (registered != null && (measured.sizeBytes() != registered.sizeBytes()
                || !measured.sha256().equals(registered.sha256()))) {
            throw ReferencedObjectChangedException.changed(registered, measured.sizeBytes(), measured.sha256());
        }
    }
}
