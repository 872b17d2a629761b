package io.dinplatform.worker.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real, transient I/O fault: the file is replaced by a link to one that exists, is a regular file, and fails
 * every read with EIO ({@code /proc/self/mem} read at offset 0, an address never mapped), which is what a failing
 * disk or a hung network mount answers. Closing puts the original content back, as a repaired mount would.
 */
final class UnreadableFile implements AutoCloseable {

    private static final Path FAILS_EVERY_READ = Path.of("/proc/self/mem");

    private final Path file;
    private final byte[] content;

    private UnreadableFile(Path file, byte[] content) {
        this.file = file;
        this.content = content;
    }

    /** Makes the file unreadable; the test is skipped (loudly) where the OS has no such file to link to. */
    static UnreadableFile replace(Path file) throws IOException {
        assumeTrue(failsEveryRead(), "this test needs Linux's " + FAILS_EVERY_READ + " to provoke a real I/O "
                + "error; skipped here");
        byte[] content = Files.readAllBytes(file);
        Files.delete(file);
        Files.createSymbolicLink(file, FAILS_EVERY_READ);
        return new UnreadableFile(file, content);
    }

    private static boolean failsEveryRead() {
        if (!Files.isRegularFile(FAILS_EVERY_READ)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(FAILS_EVERY_READ)) {
            in.read();
            return false;
        } catch (IOException expected) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
        Files.write(file, content);
    }
}
