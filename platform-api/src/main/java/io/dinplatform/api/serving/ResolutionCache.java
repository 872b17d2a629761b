package io.dinplatform.api.serving;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.dinplatform.api.serving.cache.ServedVersion;

/**
 * Remembers for a short while which version a request selector ({@code version}, {@code alias} or the default)
 * resolved to, so that a busy model does not cost a catalog query per request.
 *
 * <p>Changes made through this process's API (an alias moved or removed) empty the model's entries at once, so the
 * next request sees them; changes made elsewhere (another replica, a worker registering a newer version) are seen
 * within the time to live. A resolution that raced with such a change is not remembered: every entry is stamped with
 * the generation it was read in, and a change starts a new generation.
 */
public class ResolutionCache {

    private final ServedVersionResolver resolver;
    private final long ttlNanos;
    /** Guarded by {@code this}. */
    private final Map<Selector, Entry> entries = new HashMap<>();
    /** Guarded by {@code this}. */
    private long generation;

    /** @param ttl how long a resolution is reused; zero asks the catalog on every request */
    public ResolutionCache(ServedVersionResolver resolver, Duration ttl) {
        this.resolver = resolver;
        this.ttlNanos = ttl.toNanos();
    }

    public ServedVersion resolve(String name, String version, String alias) {
        if (ttlNanos <= 0) {
            return resolver.resolve(name, version, alias);
        }
        Selector selector = new Selector(name, version, alias);
        long readIn;
        synchronized (this) {
            Entry entry = entries.get(selector);
            if (entry != null && System.nanoTime() - entry.resolvedAt() < ttlNanos) {
                return entry.version();
            }
            readIn = generation;
        }
        ServedVersion resolved = resolver.resolve(name, version, alias);
        synchronized (this) {
            if (generation == readIn) {
                entries.put(selector, new Entry(resolved, System.nanoTime()));
            }
        }
        return resolved;
    }

    /** Forgets every resolution of the model, after its aliases or versions changed. */
    public synchronized void invalidate(String model) {
        generation++;
        entries.keySet().removeIf(selector -> selector.model().equals(model));
    }

    private record Selector(String model, String version, String alias) {
    }

    private record Entry(ServedVersion version, long resolvedAt) {
    }
}
