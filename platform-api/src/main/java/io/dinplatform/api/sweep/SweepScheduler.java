package io.dinplatform.api.sweep;

import java.util.UUID;

import io.dinplatform.api.schedule.PeriodicTask;
import io.dinplatform.registry.sweep.SweepRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Advances every running sweep every {@code din.sweeps.poll-interval}, on one thread of its own. A sweep that
 * cannot be advanced now (the database is away) is tried again at the next tick; the others go on.
 */
@Component
class SweepScheduler extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(SweepScheduler.class);

    private final SweepRepository sweeps;
    private final SweepAdvancer advancer;
    private final SweepProperties properties;

    SweepScheduler(SweepRepository sweeps, SweepAdvancer advancer, SweepProperties properties) {
        super("sweep-scheduler", "list the running sweeps", properties.pollInterval());
        this.sweeps = sweeps;
        this.advancer = advancer;
        this.properties = properties;
    }

    @Override
    protected void runOnce() {
        for (UUID id : sweeps.running()) {
            advance(id);
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
