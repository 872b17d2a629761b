package io.dinplatform.core.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.dinplatform.core.device.EngineThreads;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForwardPassLimitTest {

    @Test
    void neverMoreThanTheLimitRunAtOnceAndEveryPassRuns() throws Exception {
        ForwardPassLimit limit = ForwardPassLimit.of(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                calls.add(callers.submit(() -> {
                    start.await();
                    for (int pass = 0; pass < 20; pass++) {
                        limit.run(() -> {
                            most.accumulateAndGet(running.incrementAndGet(), Math::max);
                            Thread.onSpinWait();
                            Thread.yield();
                            running.decrementAndGet();
                            done.incrementAndGet();
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(done).hasValue(160);
        assertThat(most.get()).isBetween(1, 2);
    }

    @Test
    void aFailingPassGivesItsTurnBack() {
        ForwardPassLimit limit = ForwardPassLimit.of(1);
        assertThatThrownBy(() -> limit.run(() -> {
            throw new IllegalStateException("engine failure");
        })).hasMessage("engine failure");
        assertThat(limit.run(() -> 42)).as("the next pass is not blocked").isEqualTo(42);
    }

    @Test
    void theLimitMustBePositive() {
        assertThatThrownBy(() -> ForwardPassLimit.of(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachPassRunsWithTheServersIntraOpThreadsWhileAnotherThreadKeepsItsOwn() throws Exception {
        int before = EngineThreads.current();
        EngineThreads.use(2); // this thread's count, as a training run sets its own
        ForwardPassLimit limit = ForwardPassLimit.of(1, 1);
        ExecutorService server = Executors.newSingleThreadExecutor();
        try {
            assertThat(server.submit(() -> limit.run(EngineThreads::current)).get())
                    .as("the count inside a served pass").isEqualTo(1);
            assertThat(EngineThreads.current()).as("the other thread's count, set before the pass").isEqualTo(2);
            EngineThreads.use(3); // and a count set while the server thread lives does not reach its passes
            assertThat(server.submit(() -> limit.run(EngineThreads::current)).get()).isEqualTo(1);
        } finally {
            server.shutdown();
            EngineThreads.use(before);
        }
        assertThatThrownBy(() -> ForwardPassLimit.of(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
