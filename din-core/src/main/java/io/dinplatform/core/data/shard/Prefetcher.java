package io.dinplatform.core.data.shard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One background thread that fetches and decodes the next shards while the caller works on the current ones, so a
 * training step never waits on I/O (unless decoding is slower than training). Readers ask for one unit ahead, which
 * bounds what is held: the current unit and the next.
 */
public final class Prefetcher implements AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "din-shard-prefetch");
        t.setDaemon(true);
        return t;
    });

    /** Starts loading in the background. */
    public <T> Future<T> fetch(Callable<T> load) {
        return thread.submit(load);
    }

    /**
     * Waits for a fetch; its failure is rethrown on the caller's thread (an I/O failure, an
     * {@link InvalidShardException} among them, as {@link UncheckedIOException}).
     */
    public static <T> T await(Future<T> fetched) {
        try {
            return fetched.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a shard", e);
        } catch (CancellationException e) {
            throw new IllegalStateException("the shard fetch was cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io.getMessage(), io);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Drops a fetch nobody will wait for. */
    public static void discard(Future<?> fetched) {
        if (fetched != null) {
            fetched.cancel(false);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
