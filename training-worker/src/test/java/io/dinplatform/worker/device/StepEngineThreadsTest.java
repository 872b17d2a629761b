package io.dinplatform.worker.device;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.dinplatform.core.device.EngineThreads;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepEngineThreadsTest {

    @Test
    void aStepRunsWithTheWorkersCountWhateverItsThreadHadBefore() throws Exception {
        ExecutorService stepThread = Executors.newSingleThreadExecutor();
        try {
            int count = stepThread.submit(() -> {
                EngineThreads.use(3); // as serving, or an earlier step elsewhere, may have left it
                new StepEngineThreads(2).beforeStep(null);
                return EngineThreads.current();
            }).get();
            assertThat(count).isEqualTo(2);
        } finally {
            stepThread.shutdown();
        }
    }

    @Test
    void theCountMustBePositive() {
        assertThatThrownBy(() -> new StepEngineThreads(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
