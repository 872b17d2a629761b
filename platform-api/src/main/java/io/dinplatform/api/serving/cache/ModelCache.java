package io.dinplatform.api.serving.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The model versions loaded for serving, bounded by the memory they hold: when a newly loaded model takes the total
 * over the budget, the least recently used models leave first (the newest one always stays, however large).
 *
 * <p>A version is loaded once even when many requests ask for it at the same time: the first one loads it and the
 * others wait for that load. A model that leaves the cache is closed only when its last request is done (see
 * {@link ServedModel}).
 */
public class ModelCache implements AutoCloseable {

    private final ModelLoader loader;
    private final long budgetBytes;
    /** In access order, the least recently used first; guarded by {@code this}. */
    private final LinkedHashMap<ServedVersion, CompletableFuture<ServedModel>> entries =
            new LinkedHashMap<>(16, 0.75f, true);

    public ModelCache(ModelLoader loader, long budgetBytes) {
        this.loader = loader;
        this.budgetBytes = budgetBytes;
    }

    /**
     * The version ready to serve, loaded if needed; close the lease when the request is done.
     *
     * @throws IOException when the bundle is missing, corrupt or not a bundle
     */
    public ModelLease acquire(ServedVersion version) throws IOException {
        while (true) {
            CompletableFuture<ServedModel> entry;
            boolean loadHere;
            synchronized (this) {
                entry = entries.get(version);
                loadHere = entry == null;
                if (loadHere) {
                    entry = new CompletableFuture<>();
                    entries.put(version, entry);
                }
            }
            if (loadHere) {
                load(version, entry);
            }
            ServedModel model = await(entry);
            if (model.tryAcquire()) {
                return new ModelLease(model);
            }
            // Evicted and closed between the lookup and now: the next round loads it again.
        }
    }

    /** The versions loaded now, least recently used first. */
    public synchronized List<ServedVersion> loaded() {
        return entries.entrySet().stream()
                .filter(e -> e.getValue().isDone() && !e.getValue().isCompletedExceptionally())
                .map(Map.Entry::getKey)
                .toList();
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
            synchronized (this) {
                entries.remove(version, entry); // the next request tries again
            }
            entry.completeExceptionally(e);
            return;
        }
        entry.complete(model);
        evictBeyondBudget(version).forEach(ServedModel::release);
    }

    private synchronized List<ServedModel> evictBeyondBudget(ServedVersion newest) {
        long total = 0;
        for (CompletableFuture<ServedModel> entry : entries.values()) {
            total += loadedModel(entry) == null ? 0 : loadedModel(entry).footprintBytes();
        }
        List<ServedModel> evicted = new ArrayList<>();
        Iterator<Map.Entry<ServedVersion, CompletableFuture<ServedModel>>> eldestFirst =
                entries.entrySet().iterator();
        while (total > budgetBytes && eldestFirst.hasNext()) {
            Map.Entry<ServedVersion, CompletableFuture<ServedModel>> entry = eldestFirst.next();
            ServedModel model = loadedModel(entry.getValue());
            if (model != null && !entry.getKey().equals(newest)) {
                eldestFirst.remove();
                total -= model.footprintBytes();
                evicted.add(model);
            }
        }
        return evicted;
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
