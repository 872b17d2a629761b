package io.dinplatform.api.serving;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.serving.cache.ServedVersion;
import io.dinplatform.api.serving.split.ServedRoute;
import io.dinplatform.registry.model.ModelCatalogChange;
import io.dinplatform.registry.model.ModelChangesMissed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Remembers which version (or an alias's split and shadow, {@link ServedRoute}) a request selector ({@code version},
 * {@code alias} or the default) resolved to, so that a busy model does not cost a catalog query per request, and so
 * that loaded models keep answering while the catalog is unreachable.
 *
 * <p>Every committed change to a model's aliases or versions empties the model's entries, so the next request
 * resolves again and sees it: the registry announces a change made in this process when it commits, and relays one
 * made by another process (a worker registering a version, another replica moving an alias) from PostgreSQL's
 * notifications (see {@link ModelCatalogChange}). A change the cache was not told of (a notification lost while the
 * database was unreachable) is seen within about the time to live: a request that finds an entry older than that
 * is answered from it while one background refresh asks the catalog again. No request waits for the catalog once its
 * selector has been resolved, which matters when the database is down: the connection pool would hold each request
 * for its connection timeout. A failed refresh keeps the entry and tries again a time to live later; a refresh that
 * finds the model or alias gone drops the entry, so the next request gets the 404.
 *
 * <p>A resolution that raced with a change is not remembered: every entry is stamped with the generation it was
 * read in, and a change starts a new generation.
 */
public class ResolutionCache {

    private static final Logger log = LoggerFactory.getLogger(ResolutionCache.class);

    private final ServedVersionResolver resolver;
    private final long ttlNanos;
    private final Executor refresher;
    private final LongSupplier nanoTime;
    /**
     * Read without a lock: the request path only reads, or swaps an entry for its refreshing mark. Every other change
     * holds {@code this}, so that a resolution is remembered only if no change came since it was read.
     */
    private final Map<Selector, Entry> entries = new ConcurrentHashMap<>();
    /** Written while holding {@code this}. */
    private volatile long generation;

    /**
     * @param ttl       how long a resolution is reused before it is refreshed; zero asks the catalog on every request
     * @param refresher runs the background refreshes (they block on the catalog, so not a fork-join pool)
     */
    public ResolutionCache(ServedVersionResolver resolver, Duration ttl, Executor refresher) {
        this(resolver, ttl, refresher, System::nanoTime);
    }

    /** @param nanoTime the clock that ages entries (the tests turn it by hand) */
    ResolutionCache(ServedVersionResolver resolver, Duration ttl, Executor refresher, LongSupplier nanoTime) {
        this.resolver = resolver;
        this.ttlNanos = ttl.toNanos();
        this.refresher = refresher;
        this.nanoTime = nanoTime;
    }

    /** The one version the selector names (an alias's first arm where it is split). */
    public ServedVersion resolve(String name, String version, String alias) {
        return route(name, version, alias).primary();
    }

    /** Where the selector sends traffic: its version, or its alias's arms and shadow. */
    public ServedRoute route(String name, String version, String alias) {
        if (ttlNanos <= 0) {
            return resolver.route(name, version, alias);
        }
        Selector selector = new Selector(name, version, alias);
        Entry entry = entries.get(selector);
        if (entry != null) {
            // Of the requests that find the entry stale, the one whose swap succeeds schedules the refresh.
            if (!entry.refreshing() && nanoTime.getAsLong() - entry.resolvedAt() >= ttlNanos
                    && entries.replace(selector, entry, entry.markRefreshing())) {
                refreshLater(selector, generation);
            }
            return entry.route();
        }
        long readIn = generation;
        ServedRoute resolved = resolver.route(name, version, alias);
        remember(selector, resolved, readIn);
        return resolved;
    }

    /** Forgets the model's resolutions when its aliases or versions changed, in this process or another. */
    @EventListener
    public void onModelChange(ModelCatalogChange change) {
        invalidate(change.model());
    }

    /**
     * After the relay of other processes' changes was away, any resolution may be out of date: each becomes due for a
     * refresh, so the next request for it is answered as before while the catalog is asked again in the background.
     */
    @EventListener
    public synchronized void onChangesMissed(ModelChangesMissed gap) {
        generation++; // a refresh read while the relay was away must not be remembered
        long due = nanoTime.getAsLong() - ttlNanos;
        entries.replaceAll((selector, entry) -> new Entry(entry.route(), due, false));
    }

    /** Forgets every resolution of the model, after its aliases or versions changed. */
    public synchronized void invalidate(String model) {
        generation++;
        entries.keySet().removeIf(selector -> selector.model().equals(model));
    }

    private void refreshLater(Selector selector, long readIn) {
        try {
            refresher.execute(() -> refresh(selector, readIn));
        } catch (RejectedExecutionException e) {
            retryLater(selector); // shutting down: keep serving what is known
        }
    }

    private void refresh(Selector selector, long readIn) {
        try {
            remember(selector, resolver.route(selector.model(), selector.version(), selector.alias()), readIn);
        } catch (ResourceNotFoundException gone) {
            synchronized (this) {
                entries.remove(selector);
            }
        } catch (RuntimeException unreachable) {
            log.warn("Serving model '{}' from its last known resolution: the catalog did not answer ({})",
                    selector.model(), unreachable.toString());
            retryLater(selector);
        }
    }

    private synchronized void remember(Selector selector, ServedRoute resolved, long readIn) {
        if (generation == readIn) {
            entries.put(selector, new Entry(resolved, nanoTime.getAsLong(), false));
        } else {
            entries.remove(selector); // raced with a change: resolve afresh on the next request
        }
    }

    /** Keeps a stale entry for another time to live. */
    private synchronized void retryLater(Selector selector) {
        entries.computeIfPresent(selector, (s, entry) -> new Entry(entry.route(), nanoTime.getAsLong(), false));
    }

    private record Selector(String model, String version, String alias) {
    }

    private record Entry(ServedRoute route, long resolvedAt, boolean refreshing) {

        Entry markRefreshing() {
            return new Entry(route, resolvedAt, true);
        }
    }
}
