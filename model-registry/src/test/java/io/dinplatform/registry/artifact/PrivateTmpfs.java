package io.dinplatform.registry.artifact;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * A real, tiny file system that fills up: a size-limited tmpfs that a child process mounts in its own user and
 * mount namespace ({@code unshare}), which needs no privileges and leaves the machine's mounts alone. This JVM
 * reaches it through {@code /proc/<child>/root}; writing past its size fails with ENOSPC ("No space left on
 * device"), for root too, which no permission trick can provoke. Closing the fixture ends the child, and the file
 * system goes with its namespace.
 *
 * <p>Where {@code unshare} is missing or user namespaces are disabled, {@link #mount} aborts the test loudly.
 */
final class PrivateTmpfs implements AutoCloseable {

    private final Process holder;
    private final Path root;

    private PrivateTmpfs(Process holder, Path root) {
        this.holder = holder;
        this.root = root;
    }

    /** Mounts a tmpfs of {@code sizeBytes} on the empty directory {@code mountPoint}, as seen by this JVM's path. */
    static PrivateTmpfs mount(Path mountPoint, long sizeBytes) throws IOException {
        Files.createDirectories(mountPoint);
        // The child mounts, says so, then keeps the namespace alive until its standard input closes.
        Process holder = start("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                "mount -t tmpfs -o size=" + sizeBytes + " tmpfs \"$1\" && echo mounted && exec cat", "sh",
                mountPoint.toAbsolutePath().toString());
        BufferedReader output = new BufferedReader(
                new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String firstLine = output.readLine();
        if (!"mounted".equals(firstLine)) {
            String reason = new String(holder.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            holder.destroy();
            Assumptions.abort("SKIPPED LOUDLY: could not mount a tiny tmpfs in a private namespace (" + reason
                    + "); a machine with util-linux's unshare and user namespaces enabled runs this disk-full test");
        }
        Path inNamespace = Path.of("/proc", Long.toString(holder.pid()), "root")
                .resolve(mountPoint.toAbsolutePath().toString().substring(1));
        return new PrivateTmpfs(holder, inNamespace);
    }

    private static Process start(String... command) {
        try {
            return new ProcessBuilder(command).start();
        } catch (IOException e) {
            return Assumptions.abort("SKIPPED LOUDLY: cannot start " + command[0] + " (" + e.getMessage() + "); a "
                    + "machine with util-linux's unshare and user namespaces enabled runs this disk-full test");
        }
    }

    /** The mounted file system, as a path this JVM can read and write. */
    Path root() {
        return root;
    }

    @Override
    public void close() throws IOException {
        holder.getOutputStream().close();
        try {
            holder.waitFor();
        } catch (InterruptedException e) {
            holder.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
