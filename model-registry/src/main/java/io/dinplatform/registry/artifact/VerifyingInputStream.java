package io.dinplatform.registry.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * Hashes what it delivers and checks the address when the content ends, so that a consumer never completes on
 * corrupt data: the end of a mismatching content is an {@link ArtifactIntegrityException}, not a clean end.
 */
public final class VerifyingInputStream extends FilterInputStream {

    private static final int SKIP_BUFFER_SIZE = 1 << 16;

    private final String expectedSha256;
    private final MessageDigest digest;
    private boolean verified;
    private ArtifactIntegrityException failure;

    public VerifyingInputStream(InputStream in, String expectedSha256) {
        this(new DigestInputStream(in, Sha256.newDigest()), expectedSha256);
    }

    private VerifyingInputStream(DigestInputStream in, String expectedSha256) {
        super(in);
        this.expectedSha256 = expectedSha256;
        this.digest = in.getMessageDigest();
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            verifyAtEnd();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            verifyAtEnd();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must still be hashed, or the check at the end would be meaningless.
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

    /** Once corrupt, always corrupt: every later read repeats the failure rather than reporting a clean end. */
    private void verifyAtEnd() throws ArtifactIntegrityException {
        if (failure != null) {
            throw failure;
        }
        if (verified) {
            return;
        }
        String actual = Sha256.hex(digest);
        if (!actual.equals(expectedSha256)) {
            failure = new ArtifactIntegrityException(expectedSha256, actual);
            throw failure;
        }
        verified = true;
    }
}
