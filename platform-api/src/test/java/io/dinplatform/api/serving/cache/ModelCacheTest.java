package io.dinplatform.api.serving.cache;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.dinplatform.api.serving.TrainedModels;
import io.dinplatform.api.serving.batching.BatchingPolicy;
import io.dinplatform.api.serving.metrics.ServingMetrics;
import io.dinplatform.core.device.DeviceChoice;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.artifact.DirectoryArtifactStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache over real bundles loaded into the real engine: versions leave when the memory budget needs room or when
 * no request has used them for the idle timeout, never while a request holds them, and come back on the next
 * request. The idle clock is turned by hand.
 */
class ModelCacheTest {

    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
    private static final long GIGABYTE = 1L << 30;

    @TempDir
    Path store;

    private final AtomicLong clock = new AtomicLong(System.nanoTime());
    private ArtifactStore artifacts;
    private ModelLoader loader;

    @BeforeEach
    void setUp() throws IOException {
        artifacts = new DirectoryArtifactStore(store);
        loader = new ModelLoader(artifacts, DeviceChoice.CPU, 16, 1,
                new BatchingPolicy(16, Duration.ofMillis(1), 256, 2), new ServingMetrics(new SimpleMeterRegistry()));
    }

    @Test
    void unloadsAVersionIdleForTheTimeoutWithItsBatcherThreadsAndLoadsItAgainOnTheNextRequest() throws Exception {
        try (ModelCache cache = new ModelCache(loader, GIGABYTE, IDLE_TIMEOUT, clock::get)) {
            ServedVersion version = stored("idle", 1, 11);
            score(cache, version);

            advance(IDLE_TIMEOUT.minusSeconds(1));
            assertThat(cache.unloadIdle()).isEmpty();
            assertThat(cache.loaded()).containsExactly(version);

            advance(Duration.ofSeconds(2));
            assertThat(cache.unloadIdle()).containsExactly(version);
            assertThat(cache.loaded()).isEmpty();
            assertThat(batcherThreads(version)).isZero();

            assertThat(score(cache, version)).hasSize(3);
            assertThat(cache.loaded()).containsExactly(version);
            assertThat(batcherThreads(version)).isEqualTo(2);
        }
    }

    @Test
    void aRequestRestartsTheIdleClock() throws Exception {
        try (ModelCache cache = new ModelCache(loader, GIGABYTE, IDLE_TIMEOUT, clock::get)) {
            ServedVersion version = stored("busy", 1, 11);
            score(cache, version);
            advance(Duration.ofMinutes(4));
            score(cache, version);
            advance(Duration.ofMinutes(4));

            assertThat(cache.unloadIdle()).isEmpty();
            assertThat(cache.loaded()).containsExactly(version);
        }
    }

    @Test
    void neverUnloadsAVersionWhileARequestHoldsIt() throws Exception {
        try (ModelCache cache = new ModelCache(loader, GIGABYTE, IDLE_TIMEOUT, clock::get)) {
            ServedVersion version = stored("held", 1, 11);
            try (ModelLease lease = cache.acquire(version)) {
                advance(IDLE_TIMEOUT.multipliedBy(3));
                assertThat(cache.unloadIdle()).isEmpty();
                ServedModel model = lease.model();
                assertThat(model.predict(model.encode(TrainedModels.instances(5, 2)), false)
                        .get(30, TimeUnit.SECONDS).scores()).hasSize(2);
            }
            assertThat(cache.unloadIdle()).containsExactly(version);
        }
    }

    @Test
    void onlyTheIdleVersionsLeave() throws Exception {
        try (ModelCache cache = new ModelCache(loader, GIGABYTE, IDLE_TIMEOUT, clock::get)) {
            ServedVersion old = stored("moving", 1, 11);
            ServedVersion current = stored("moving", 2, 12);
            score(cache, old);
            advance(Duration.ofMinutes(3));
            score(cache, current);
            advance(Duration.ofMinutes(3));

            assertThat(cache.unloadIdle()).containsExactly(old);
            assertThat(cache.loaded()).containsExactly(current);
            assertThat(batcherThreads(old)).isZero();
            assertThat(batcherThreads(current)).isEqualTo(2);
        }
    }

    @Test
    void aZeroTimeoutKeepsEveryVersion() throws Exception {
        try (ModelCache cache = new ModelCache(loader, GIGABYTE, Duration.ZERO, clock::get)) {
            ServedVersion version = stored("kept", 1, 11);
            score(cache, version);
            advance(Duration.ofDays(30));

            assertThat(cache.unloadIdle()).isEmpty();
            assertThat(cache.loaded()).containsExactly(version);
        }
    }

    @Test
    void theBudgetEvictsTheLeastRecentlyUsedButARequestInFlightFinishesOnIt() throws Exception {
        try (ModelCache cache = new ModelCache(loader, 1, Duration.ZERO, clock::get)) {
            ServedVersion first = stored("budget", 1, 11);
            ServedVersion second = stored("budget", 2, 12);
            try (ModelLease inFlight = cache.acquire(first)) {
                score(cache, second);

                assertThat(cache.loaded()).containsExactly(second);
                ServedModel model = inFlight.model();
                assertThat(model.predict(model.encode(TrainedModels.instances(6, 4)), false)
                        .get(30, TimeUnit.SECONDS).scores()).hasSize(4);
                assertThat(batcherThreads(first)).isEqualTo(2);
            }
            assertThat(batcherThreads(first)).isZero();
        }
    }

    @Test
    void theBudgetEvictsByLastUseNotByLoadingOrder() throws Exception {
        ServedVersion first = stored("recency", 1, 21);
        ServedVersion second = stored("recency", 2, 22);
        ServedVersion third = stored("recency", 3, 23);
        long footprint;
        try (ModelCache sizing = new ModelCache(loader, Long.MAX_VALUE, Duration.ZERO, clock::get);
             ModelLease lease = sizing.acquire(first)) {
            footprint = lease.model().footprintBytes();
        }
        try (ModelCache cache = new ModelCache(loader, footprint * 5 / 2, Duration.ZERO, clock::get)) {
            score(cache, first);
            score(cache, second);
            score(cache, first); // the first loaded is now the most recently used

            score(cache, third);

            assertThat(cache.loaded()).as("least recently used first; the second left for the third")
                    .containsExactly(first, third);
        }
    }

    @Test
    void theSweeperUnloadsOnItsOwn() throws Exception {
        Duration shortTimeout = Duration.ofMillis(200);
        try (ModelCache cache = new ModelCache(loader, GIGABYTE, shortTimeout);
             IdleModelUnloader unloader = new IdleModelUnloader(cache, shortTimeout)) {
            ServedVersion version = stored("swept", 1, 11);
            score(cache, version);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!cache.loaded().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(cache.loaded()).isEmpty();
            assertThat(batcherThreads(version)).isZero();
        }
    }

    private ServedVersion stored(String model, int version, long seed) throws IOException {
        String sha256 = artifacts.write(new ByteArrayInputStream(TrainedModels.bundle(ModelType.DIN, seed))).sha256();
        return new ServedVersion(model, version, sha256);
    }

    private static float[] score(ModelCache cache, ServedVersion version) throws Exception {
        List<Map<String, Object>> instances = TrainedModels.instances(version.version(), 3);
        try (ModelLease lease = cache.acquire(version)) {
            ServedModel model = lease.model();
            return model.predict(model.encode(instances), false).get(30, TimeUnit.SECONDS).scores();
        }
    }

    private void advance(Duration duration) {
        clock.addAndGet(duration.toNanos());
    }

    /** Live threads of this version's batcher: a closed batcher has joined all of its workers. */
    private static long batcherThreads(ServedVersion version) {
        String prefix = "batcher " + version + " #";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix) && thread.isAlive())
                .count();
    }
}
