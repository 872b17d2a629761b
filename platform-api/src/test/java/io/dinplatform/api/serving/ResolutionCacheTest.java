package io.dinplatform.api.serving;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.serving.cache.ServedVersion;
import io.dinplatform.api.serving.split.ServedRoute;
import io.dinplatform.registry.model.ModelCatalogChange;
import io.dinplatform.registry.model.ModelChangesMissed;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cache's rules, with a catalog whose answers the test scripts (the catalog itself is exercised against
 * PostgreSQL by the serving API tests), a clock the test turns, and refreshes that run when the test says so.
 */
class ResolutionCacheTest {

    private static final Duration TTL = Duration.ofSeconds(1);

    private final ScriptedCatalog catalog = new ScriptedCatalog();
    private final Deque<Runnable> pendingRefreshes = new ArrayDeque<>();
    private final AtomicLong clock = new AtomicLong();
    private final ResolutionCache cache = new ResolutionCache(catalog, TTL, pendingRefreshes::add, clock::get);

    @Test
    void aFreshResolutionIsReusedWithoutAskingTheCatalog() {
        catalog.answer(() -> version(1));
        assertThat(cache.resolve("m", null, null).version()).isEqualTo(1);
        assertThat(cache.resolve("m", null, null).version()).isEqualTo(1);
        assertThat(catalog.calls()).isEqualTo(1);
        assertThat(pendingRefreshes).isEmpty();
    }

    @Test
    void anExpiredResolutionAnswersAtOnceAndIsRefreshedOnceInTheBackground() {
        catalog.answer(() -> version(1));
        cache.resolve("m", null, null);
        clock.addAndGet(TTL.toNanos());
        catalog.answer(() -> version(2));

        assertThat(cache.resolve("m", null, null).version()).isEqualTo(1);
        assertThat(cache.resolve("m", null, null).version()).isEqualTo(1);
        assertThat(pendingRefreshes).hasSize(1);
        pendingRefreshes.poll().run();
        assertThat(cache.resolve("m", null, null).version()).isEqualTo(2);
    }

    @Test
    void manyRequestsFindingTheSameExpiredResolutionAtOnceScheduleOneRefresh() throws Exception {
        Queue<Runnable> refreshes = new ConcurrentLinkedQueue<>();
        ResolutionCache shared = new ResolutionCache(catalog, TTL, refreshes::add, clock::get);
        catalog.answer(() -> version(1));
        shared.resolve("m", null, null);
        clock.addAndGet(TTL.toNanos());
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService requests = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                answers.add(requests.submit(() -> {
                    start.await();
                    int version = 0;
                    for (int i = 0; i < 1_000; i++) {
                        version = shared.resolve("m", null, null).version();
                    }
                    return version;
                }));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            }
        } finally {
            requests.shutdownNow();
        }
        assertThat(refreshes).as("one background refresh, whoever saw the entry expire first").hasSize(1);
        assertThat(catalog.calls()).isEqualTo(1);
    }

    @Test
    void anUnreachableCatalogKeepsTheLastResolutionAndIsAskedAgainLater() {
        catalog.answer(() -> version(1));
        cache.resolve("m", null, null);
        clock.addAndGet(TTL.toNanos());
        catalog.answer(() -> {
            throw new DataAccessResourceFailureException("connection refused");
        });

        assertThat(cache.resolve("m", null, null).version()).isEqualTo(1);
        pendingRefreshes.poll().run();
        assertThat(cache.resolve("m", null, null).version()).isEqualTo(1);
        assertThat(pendingRefreshes).as("no new refresh until a time to live has passed").isEmpty();

        clock.addAndGet(TTL.toNanos());
        catalog.answer(() -> version(3));
        assertThat(cache.resolve("m", null, null).version()).isEqualTo(1);
        pendingRefreshes.poll().run();
        assertThat(cache.resolve("m", null, null).version()).isEqualTo(3);
    }

    @Test
    void aSelectorThatWasNeverResolvedFailsWhenTheCatalogIsUnreachable() {
        catalog.answer(() -> {
            throw new DataAccessResourceFailureException("connection refused");
        });
        assertThatThrownBy(() -> cache.resolve("m", null, null))
                .isInstanceOf(DataAccessResourceFailureException.class);
    }

    @Test
    void aRefreshThatFindsTheModelGoneDropsTheEntrySoTheNextRequestGetsTheNotFound() {
        catalog.answer(() -> version(1));
        cache.resolve("m", null, "production");
        clock.addAndGet(TTL.toNanos());
        catalog.answer(() -> {
            throw new ResourceNotFoundException("model 'm' has no alias 'production'");
        });

        cache.resolve("m", null, "production");
        pendingRefreshes.poll().run();
        assertThatThrownBy(() -> cache.resolve("m", null, "production"))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void anAnnouncedChangeIsSeenByTheNextRequestAndLeavesOtherModelsCached() {
        catalog.answer(() -> version(1));
        cache.resolve("m", null, null);
        cache.resolve("other", null, null);
        catalog.answer(() -> version(2));

        cache.onModelChange(new ModelCatalogChange("m", ModelCatalogChange.Kind.ALIAS_MOVED));

        assertThat(cache.resolve("m", null, null).version()).isEqualTo(2);
        assertThat(cache.resolve("other", null, null).version()).isEqualTo(1);
        assertThat(catalog.calls()).isEqualTo(3);
    }

    @Test
    void aChangeNobodyAnnouncedIsSeenOnceTheTimeToLiveRunsOut() {
        catalog.answer(() -> version(1));
        cache.resolve("m", null, null);
        catalog.answer(() -> version(2)); // a lost notification: the cache is not told

        clock.addAndGet(TTL.toNanos() - 1);
        assertThat(cache.resolve("m", null, null).version()).isEqualTo(1);
        assertThat(pendingRefreshes).isEmpty();
        clock.addAndGet(1);
        cache.resolve("m", null, null);
        pendingRefreshes.poll().run();
        assertThat(cache.resolve("m", null, null).version()).isEqualTo(2);
    }

    @Test
    void changesMissedWhileTheRelayWasAwayAreSeenAfterOneBackgroundRefreshOfEachResolution() {
        catalog.answer(() -> version(1));
        cache.resolve("m", null, null);
        cache.resolve("m", null, "production");
        catalog.answer(() -> version(2)); // changed while no notification could arrive

        cache.onChangesMissed(new ModelChangesMissed(Instant.EPOCH, Instant.EPOCH.plusSeconds(5)));

        assertThat(cache.resolve("m", null, null).version()).as("answered at once, as before").isEqualTo(1);
        assertThat(cache.resolve("m", null, "production").version()).isEqualTo(1);
        assertThat(pendingRefreshes).hasSize(2);
        pendingRefreshes.forEach(Runnable::run);
        assertThat(cache.resolve("m", null, null).version()).isEqualTo(2);
        assertThat(cache.resolve("m", null, "production").version()).isEqualTo(2);
    }

    @Test
    void aRefreshThatRacedWithAChangeIsNotRemembered() {
        catalog.answer(() -> version(1));
        cache.resolve("m", null, null);
        clock.addAndGet(TTL.toNanos());
        cache.resolve("m", null, null); // schedules a refresh read in the old generation
        catalog.answer(() -> version(2));
        cache.invalidate("m");
        catalog.answer(() -> version(1)); // what the stale refresh would read
        pendingRefreshes.poll().run();

        catalog.answer(() -> version(2));
        assertThat(cache.resolve("m", null, null).version()).isEqualTo(2);
    }

    private static ServedVersion version(int number) {
        return new ServedVersion("m", number, "sha-" + number);
    }

    /** A resolver whose next answers the test sets. */
    private static final class ScriptedCatalog extends ServedVersionResolver {

        private final AtomicInteger calls = new AtomicInteger();
        private volatile Supplier<ServedVersion> answer;

        ScriptedCatalog() {
            super(null);
        }

        void answer(Supplier<ServedVersion> next) {
            answer = next;
        }

        int calls() {
            return calls.get();
        }

        @Override
        public ServedRoute route(String name, String version, String alias) {
            calls.incrementAndGet();
            return ServedRoute.of(answer.get());
        }
    }
}
