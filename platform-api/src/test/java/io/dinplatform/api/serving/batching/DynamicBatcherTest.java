package io.dinplatform.api.serving.batching;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.dinplatform.api.serving.TrainedModels;
import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.serving.Scorer;
import io.dinplatform.core.serving.ScoringResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The batcher in front of a real scorer on a model trained with din-core. */
class DynamicBatcherTest {

    @TempDir
    Path directory;

    private ModelBundle bundle;
    private Scorer scorer;
    private final Recorder recorder = new Recorder();

    @BeforeEach
    void load() {
        bundle = TrainedModels.load(ModelType.DIN, 11, directory);
        scorer = new Scorer(bundle, 64);
    }

    @AfterEach
    void close() {
        bundle.close();
    }

    @Test
    void eachRequestGetsItsOwnScoresFromBatchesThatNeverSplitARequest() {
        List<List<Map<String, Object>>> requests = new ArrayList<>();
        List<CompletableFuture<ScoringResult>> answers = new ArrayList<>();
        try (DynamicBatcher batcher = new DynamicBatcher("test", scorer::score,
                new BatchingPolicy(8, Duration.ofMillis(50), 1000, 2), recorder)) {
            for (int r = 0; r < 30; r++) {
                List<Map<String, Object>> instances = TrainedModels.instances(r, 1 + r % 5);
                requests.add(instances);
                answers.add(batcher.submit(scorer.encode(instances), false));
            }
            for (int r = 0; r < 30; r++) {
                float[] expected = scorer.predict(requests.get(r));
                assertThat(answers.get(r).join().scores()).as("request %d", r)
                        .containsExactly(expected, within(1e-6f));
            }
            assertThat(batcher.pendingInstances()).isZero();
        }
        int total = requests.stream().mapToInt(List::size).sum();
        assertThat(recorder.batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
        assertThat(recorder.batches).allSatisfy(size -> assertThat(size).isBetween(1, 8));
        assertThat(recorder.batches.size()).as("batches for 30 requests").isLessThan(30);
        assertThat(recorder.waits.get()).isEqualTo(30);
    }

    @Test
    void aFullQueueRefusesAtOnceAndTheAdmittedRequestsAreStillAnswered() {
        try (DynamicBatcher batcher = new DynamicBatcher("test", scorer::score,
                new BatchingPolicy(64, Duration.ofMillis(500), 3, 1), recorder)) {
            CompletableFuture<ScoringResult> first = batcher.submit(encoded(1, 2), false);
            CompletableFuture<ScoringResult> second = batcher.submit(encoded(2, 1), true);

            assertThatThrownBy(() -> batcher.submit(encoded(3, 1), false))
                    .isInstanceOf(QueueFullException.class)
                    .hasMessageContaining("capacity of 3");

            assertThat(first.join().scores()).hasSize(2);
            assertThat(first.join().attention()).as("not asked for").isNull();
            assertThat(second.join().attention()).as("asked for").hasSize(1);
            assertThat(recorder.rejections.get()).isEqualTo(1);
            assertThat(batcher.submit(encoded(3, 1), false).join().scores()).hasSize(1);
        }
    }

    @Test
    void withBatchingOffEveryRequestIsScoredAlone() {
        try (DynamicBatcher batcher = new DynamicBatcher("test", scorer::score,
                new BatchingPolicy(1, Duration.ZERO, 1000, 1), recorder)) {
            List<CompletableFuture<ScoringResult>> answers = new ArrayList<>();
            for (int r = 0; r < 10; r++) {
                answers.add(batcher.submit(encoded(r, 3), false));
            }
            answers.forEach(CompletableFuture::join);
        }
        assertThat(recorder.batches).hasSize(10).containsOnly(3);
    }

    private EncodedDataset encoded(long seed, int count) {
        return scorer.encode(TrainedModels.instances(seed, count));
    }

    /** Records what the batcher reports. */
    private static final class Recorder implements BatchObserver {

        final ConcurrentLinkedQueue<Integer> batches = new ConcurrentLinkedQueue<>();
        final AtomicInteger waits = new AtomicInteger();
        final AtomicInteger rejections = new AtomicInteger();

        @Override
        public void queueWait(long nanos) {
            waits.incrementAndGet();
        }

        @Override
        public void batch(int instances) {
            batches.add(instances);
        }

        @Override
        public void rejected(int instances) {
            rejections.incrementAndGet();
        }
    }
}
