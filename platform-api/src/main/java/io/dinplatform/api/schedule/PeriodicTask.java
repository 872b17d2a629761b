package io.dinplatform.api.schedule;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Work a process repeats on a daemon thread of its own: once at start, then every interval, as a Spring lifecycle
 * (started with the application, stopped before it closes). A run that fails is logged and the next one comes at
 * the next interval; what a failed run leaves behind is the subclass's business (nothing deleted, the last values
 * standing). Every replica runs its own, so the work must be safe to do at once on several.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String threadName;
    private final String what;
    private final Duration interval;
    private ScheduledExecutorService executor;

    /**
     * @param threadName the thread's name
     * @param what       what a run does, for the warning when one fails ("delete the expired audit entries")
     * @param interval   the time between the end of one run and the start of the next
     */
    protected PeriodicTask(String threadName, String what, Duration interval) {
        this.threadName = threadName;
        this.what = what;
        this.interval = interval;
    }

    /** One run; a runtime exception is logged and the next run comes at the next interval. */
    protected abstract void runOnce();

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("Could not {}; trying again in {}: {}", what, interval, e.getMessage());
        }
    }
}
