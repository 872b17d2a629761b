package io.dinplatform.worker.device;

import io.dinplatform.core.device.EngineThreads;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Sets the worker's intra-op threads ({@code din.worker.engine-threads}) on the thread that runs each step, before it
 * runs. The engine keeps the count per thread, and a thread that never set one takes whatever count was set last in
 * the process: in the standalone platform that may be serving's (one per pass). A run's numbers are reproducible
 * only for a fixed count, so its steps set theirs rather than inherit one.
 */
public final class StepEngineThreads implements StepExecutionListener {

    private final int threads;

    public StepEngineThreads(int threads) {
        this.threads = EngineThreads.requireValid(threads); // refused at configuration, not at the first step
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        EngineThreads.use(threads);
    }
}
