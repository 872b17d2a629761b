package io.dinplatform.core.data.shard;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The off-heap memory Arrow's vectors live in while a shard is written or read: one root allocator for the process,
 * a child per shard, whose limit bounds what a damaged file can make the reader allocate.
 *
 * <p>Arrow's memory module views its memory as direct {@code ByteBuffer}s, which Java 17 allows only with
 * {@value #JVM_FLAG}. Without the flag allocating still works and the first copy fails; {@link #requireAccess()}
 * turns that into one clear error at start-up, and every shard read or write fails with the same error rather than
 * calling its shard damaged.
 */
public final class ArrowMemory {

    /** The flag every JVM that writes or reads shards needs (Arrow is on the class path, not the module path). */
    public static final String JVM_FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private ArrowMemory() {
    }

    /**
     * Checks that Arrow can view its memory as a {@code ByteBuffer}, as reading and writing shards does.
     *
     * @throws IllegalStateException naming the missing JVM flag when it cannot
     */
    public static void requireAccess() {
        Root.check();
    }

    /** A child of the process's allocator, for one shard; close it when done with the shard. */
    static BufferAllocator allocator(String name, long limit) {
        Root.check();
        return Root.ALLOCATOR.newChildAllocator(name, 0, limit);
    }

    /** The bytes the shards being written or read hold now (none once every shard is done with). */
    static long allocatedBytes() {
        return Root.ALLOCATOR.getAllocatedMemory();
    }

    /** Created on first use and checked once. */
    private static final class Root {

        static final BufferAllocator ALLOCATOR = new RootAllocator();
        private static final IllegalStateException NO_ACCESS = probe();

        static void check() {
            if (NO_ACCESS != null) {
                throw new IllegalStateException(NO_ACCESS.getMessage(), NO_ACCESS.getCause());
            }
        }

        private static IllegalStateException probe() {
            try (ArrowBuf buffer = ALLOCATOR.buffer(Long.BYTES)) {
                buffer.nioBuffer(0, Long.BYTES);
                return null;
            } catch (UnsupportedOperationException | LinkageError e) {
                return new IllegalStateException("Arrow cannot use its memory, so shards can be neither written "
                        + "nor read: start Java with " + JVM_FLAG + " (" + e.getMessage() + ")", e);
            }
        }
    }
}
