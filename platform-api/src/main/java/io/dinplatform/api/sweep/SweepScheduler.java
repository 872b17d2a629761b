package io.dinplatform.api.sweep;

import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.dinplatform.registry.sweep.SweepRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Advances every running sweep every {@code din.sweeps.poll-interval}, on one thread of its own. A sweep that
 * cannot be advanced now (the database is away) is tried again at the next tick; the others go on.
 */
@Component
class SweepScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SweepScheduler.class);

    private final SweepRepository sweeps;
    private final SweepAdvancer advancer;
    private final SweepProperties properties;
    private ScheduledExecutorService executor;

    SweepScheduler(SweepRepository sweeps, SweepAdvancer advancer, SweepProperties properties) {
        this.sweeps = sweeps;
        this.advancer = advancer;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sweep-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::advanceAll, interval, interval, TimeUnit.MILLISECONDS);
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

    private void advanceAll() {
        try {
            for (UUID id : sweeps.running()) {
                advance(id);
            }
        } catch (RuntimeException e) {
            log.warn("Could not list the running sweeps; trying again in {}: {}", properties.pollInterval(),
                    e.getMessage());
        }
    }

    private void advance(UUID id) {
        try {
            advancer.advance(id);
        } catch (RuntimeException e) {
            log.warn("Could not advance sweep {}; trying again in {}", id, properties.pollInterval(), e);
        }
    }
}
