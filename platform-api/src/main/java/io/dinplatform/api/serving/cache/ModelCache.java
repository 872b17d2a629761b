package io.dinplatform.api.serving.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The model versions loaded for serving, bounded by the memory they hold: when a newly loaded model takes the total
 * over the budget, the least recently used models leave first (the newest one always stays, however large).
 *
 * <p>Versions no request has used for the idle timeout leave too, at the next {@link #unloadIdle()}: every training
 * run registers a new version and moves the traffic on, and each loaded version holds its tables and its batcher's
 * threads, each with the engine's thread pool of its own. Without this the process would keep every version it ever
 * served until the memory budget, far above what it serves.
 *
 * <p>A version is loaded once even when many requests ask for it at the same time: the first one loads it and the
 * others wait for that load. A model that leaves the cache is closed only when its last request is done (see
 * {@link ServedModel}).
 */
public class ModelCache implements AutoCloseable {

    private final ModelLoader loader;
    private final long budgetBytes;
    private final long idleTimeoutNanos;
    private final LongSupplier nanoTime;
    /**
     * The versions loaded or loading. Every request reads it without a lock; loads that fail, evictions and unloads
     * hold {@code this}, so that the budget is counted over one state.
     */
    private final Map<ServedVersion, CompletableFuture<ServedModel>> entries = new ConcurrentHashMap<>();
    /** Requests served so far: each marks its model with the count, which orders the models by recent use. */
    private final AtomicLong uses = new AtomicLong();

    /**
     * @param idleTimeout how long a version may go without a request before {@link #unloadIdle()} unloads it; zero
     *                    keeps versions until the budget needs their memory
     */
    public ModelCache(ModelLoader loader, long budgetBytes, Duration idleTimeout) {
        this(loader, budgetBytes, idleTimeout, System::nanoTime);
    }

    /** @param nanoTime the clock that ages the versions (the tests turn it by hand) */
    ModelCache(ModelLoader loader, long budgetBytes, Duration idleTimeout, LongSupplier nanoTime) {
        this.loader = loader;
        this.budgetBytes = budgetBytes;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * The version ready to serve, loaded if needed; close the lease when the request is done.
     *
     * @throws IOException when the bundle is missing, corrupt or not a bundle
     */
    public ModelLease acquire(ServedVersion version) throws IOException {
        while (true) {
            CompletableFuture<ServedModel> entry = entries.get(version);
            boolean loadHere = false;
            if (entry == null) {
                CompletableFuture<ServedModel> loading = new CompletableFuture<>();
                entry = entries.putIfAbsent(version, loading);
                loadHere = entry == null;
                if (loadHere) {
                    entry = loading;
                }
            }
            if (loadHere) {
                load(version, entry);
            }
            ServedModel model = await(entry);
            if (model.tryAcquire()) {
                model.markUsed(nanoTime.getAsLong(), uses.incrementAndGet());
                return new ModelLease(model);
            }
            // Evicted and closed between the lookup and now: the next round loads it again.
        }
    }

    /** The versions loaded now, least recently used first. */
    public List<ServedVersion> loaded() {
        return leastRecentlyUsedFirst().stream().map(Loaded::version).toList();
    }

    /**
     * Unloads the versions that have had no request for the idle timeout and have none in flight; each closes at
     * once. Run periodically (see {@link IdleModelUnloader}); does nothing when the timeout is zero.
     *
     * @return the versions unloaded
     */
    public List<ServedVersion> unloadIdle() {
        if (idleTimeoutNanos == 0) {
            return List.of();
        }
        long lastUseBefore = nanoTime.getAsLong() - idleTimeoutNanos;
        List<ServedModel> idle = new ArrayList<>();
        synchronized (this) {
            Iterator<CompletableFuture<ServedModel>> loadedEntries = entries.values().iterator();
            while (loadedEntries.hasNext()) {
                ServedModel model = loadedModel(loadedEntries.next());
                if (model != null && model.idleSince(lastUseBefore)) {
                    loadedEntries.remove();
                    idle.add(model);
                }
            }
        }
        idle.forEach(ServedModel::release);
        return idle.stream().map(ServedModel::version).toList();
    }

    /** Drops every model; each closes when its last request is done. */
    @Override
    public void close() {
        List<ServedModel> dropped = new ArrayList<>();
        synchronized (this) {
            entries.values().forEach(entry -> entry.thenAccept(dropped::add));
            entries.clear();
        }
        dropped.forEach(ServedModel::release);
    }

    private void load(ServedVersion version, CompletableFuture<ServedModel> entry) {
        ServedModel model;
        try {
            model = loader.load(version);
        } catch (IOException | RuntimeException | Error e) {
            entries.remove(version, entry); // the next request tries again
            entry.completeExceptionally(e);
            return;
        }
        model.markUsed(nanoTime.getAsLong(), uses.incrementAndGet());
        entry.complete(model);
        evictBeyondBudget(version).forEach(ServedModel::release);
    }

    private synchronized List<ServedModel> evictBeyondBudget(ServedVersion newest) {
        List<Loaded> eldestFirst = leastRecentlyUsedFirst();
        long total = eldestFirst.stream().mapToLong(loaded -> loaded.model().footprintBytes()).sum();
        List<ServedModel> evicted = new ArrayList<>();
        for (Loaded loaded : eldestFirst) {
            if (total <= budgetBytes) {
                break;
            }
            if (!loaded.version().equals(newest) && entries.remove(loaded.version(), loaded.entry())) {
                total -= loaded.model().footprintBytes();
                evicted.add(loaded.model());
            }
        }
        return evicted;
    }

    /** The loaded models (not those loading or failed), least recently used first. */
    private List<Loaded> leastRecentlyUsedFirst() {
        List<Loaded> loaded = new ArrayList<>();
        entries.forEach((version, entry) -> {
            ServedModel model = loadedModel(entry);
            if (model != null) {
                loaded.add(new Loaded(version, entry, model));
            }
        });
        loaded.sort(Comparator.comparingLong(one -> one.model().lastUse()));
        return loaded;
    }

    private record Loaded(ServedVersion version, CompletableFuture<ServedModel> entry, ServedModel model) {
    }

    private static ServedModel loadedModel(CompletableFuture<ServedModel> entry) {
        return entry.isDone() && !entry.isCompletedExceptionally() ? entry.join() : null;
    }

    private static ServedModel await(CompletableFuture<ServedModel> entry) throws IOException {
        try {
            return entry.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new UncheckedIOException(new IOException(cause));
        }
    }
}
