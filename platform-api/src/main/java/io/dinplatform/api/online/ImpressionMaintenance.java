package io.dinplatform.api.online;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import io.dinplatform.api.schedule.PeriodicTask;
import io.dinplatform.registry.impression.ImpressionPartitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the impression log's day partitions: today's and tomorrow's made ahead, those older than the retention
 * dropped whole (with their feedback), at start and every {@code maintenance-interval}. Every replica may do it; the
 * statements are safe to run at once.
 */
public class ImpressionMaintenance extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(ImpressionMaintenance.class);

    private final ImpressionPartitions partitions;
    private final ImpressionProperties properties;
    private final Clock clock;

    public ImpressionMaintenance(ImpressionPartitions partitions, ImpressionProperties properties, Clock clock) {
        super("impression-maintenance", "maintain the impression log's partitions", properties.maintenanceInterval());
        this.partitions = partitions;
        this.properties = properties;
        this.clock = clock;
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

    @Override
    protected void runOnce() {
        List<LocalDate> dropped = maintain();
        if (!dropped.isEmpty()) {
            log.info("Dropped the impressions of {} (older than the retention of {})", dropped, properties.retention());
        }
    }
}
