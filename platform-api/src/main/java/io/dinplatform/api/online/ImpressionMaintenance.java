package io.dinplatform.api.online;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.dinplatform.registry.impression.ImpressionPartitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the impression log's day partitions: today's and tomorrow's made ahead, those older than the retention
 * dropped whole (with their feedback), at start and every {@code maintenance-interval}. Every replica may do it; the
 * statements are safe to run at once.
 */
public class ImpressionMaintenance implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImpressionMaintenance.class);

    private final ImpressionPartitions partitions;
    private final ImpressionProperties properties;
    private final Clock clock;
    private ScheduledExecutorService executor;

    public ImpressionMaintenance(ImpressionPartitions partitions, ImpressionProperties properties, Clock clock) {
        this.partitions = partitions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "impression-maintenance");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.maintenanceInterval().toMillis();
        executor.scheduleWithFixedDelay(this::maintainQuietly, 0, interval, TimeUnit.MILLISECONDS);
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

    /** Makes today's and tomorrow's partitions and drops the expired ones; returns the days dropped. */
    public List<LocalDate> maintain() {
        LocalDate today = LocalDate.now(clock);
        partitions.ensure(today);
        partitions.ensure(today.plusDays(1));
        return partitions.dropBefore(firstKeptDay(today));
    }

    /** The oldest day whose impressions are within the retention: a day is dropped once all of it is older. */
    LocalDate firstKeptDay(LocalDate today) {
        return today.minusDays(properties.retention().toDays());
    }

    private void maintainQuietly() {
        try {
            List<LocalDate> dropped = maintain();
            if (!dropped.isEmpty()) {
                log.info("Dropped the impressions of {} (older than the retention of {})", dropped,
                        properties.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Could not maintain the impression log's partitions; trying again in {}: {}",
                    properties.maintenanceInterval(), e.getMessage());
        }
    }
}
