package io.dinplatform.api.online;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.dinplatform.registry.impression.Impression;
import io.dinplatform.registry.impression.ImpressionPartitions;
import io.dinplatform.registry.impression.ImpressionRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drains the impression queue into the catalog on a thread of its own: a batch as soon as impressions wait (up to
 * {@code batch-size}, at once again while the queue stays full), so that writes grow with the traffic and not with
 * the requests. A write that fails loses its batch, counted ({@code din_impressions_failed_total}): serving never
 * waits for the log, and the log never retries into a database that is away.
 */
public class ImpressionWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImpressionWriter.class);

    private final ImpressionQueue queue;
    private final ImpressionRepository impressions;
    private final ImpressionPartitions partitions;
    private final ImpressionProperties properties;
    private final Counter written;
    private final Counter failed;
    /** Days whose partitions this process made sure of (the maintenance makes them ahead; this covers a gap). */
    private final Set<LocalDate> daysReady = new HashSet<>();
    private volatile Thread thread;
    /** Impressions handed to a write, written or lost: with the queue's accepted count, what is still in hand. */
    private final AtomicLong finished = new AtomicLong();

    public ImpressionWriter(ImpressionQueue queue, ImpressionRepository impressions, ImpressionPartitions partitions,
                            ImpressionProperties properties, MeterRegistry meters) {
        this.queue = queue;
        this.impressions = impressions;
        this.partitions = partitions;
        this.properties = properties;
        this.written = Counter.builder("din.impressions.written").description("Impressions written to the log")
                .register(meters);
        this.failed = Counter.builder("din.impressions.failed")
                .description("Impressions lost because their write failed").register(meters);
    }

    @Override
    public synchronized void start() {
        thread = new Thread(this::drain, "impression-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops draining and writes what still waits, so that a graceful shutdown loses nothing already queued. */
    @Override
    public synchronized void stop() {
        Thread running = thread;
        thread = null;
        if (running == null) {
            return;
        }
        running.interrupt();
        try {
            running.join(properties.flushInterval().toMillis() + 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Impression> rest = new ArrayList<>();
        while (queue.drainTo(rest, properties.batchSize()) > 0) {
            write(rest);
            rest.clear();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /**
     * Writes what waits now, on the caller's thread, and waits (up to the flush interval and 10 s) for a batch the
     * writer's own thread already took, so that every impression queued before the call is written, or counted as
     * lost, when it returns (for tests and shutdown); returns how many this call wrote.
     */
    int flush() {
        long queued = queue.accepted();
        List<Impression> batch = new ArrayList<>();
        int total = 0;
        while (queue.drainTo(batch, properties.batchSize()) > 0) {
            total += write(batch);
            batch.clear();
        }
        long deadline = System.nanoTime() + properties.flushInterval().plusSeconds(10).toNanos();
        while (finished.get() < queued && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000L);
        }
        return total;
    }

    private void drain() {
        List<Impression> batch = new ArrayList<>(properties.batchSize());
        while (thread == Thread.currentThread()) {
            try {
                Impression first = queue.poll(properties.flushInterval());
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, properties.batchSize() - 1);
                write(batch);
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private synchronized int write(List<Impression> batch) {
        try {
            for (Impression impression : batch) {
                LocalDate day = LocalDate.ofInstant(impression.servedAt(), ZoneOffset.UTC);
                if (!daysReady.contains(day)) {
                    partitions.ensure(day);
                    daysReady.add(day);
                }
            }
            impressions.insert(batch);
            written.increment(batch.size());
            return batch.size();
        } catch (RuntimeException e) {
            failed.increment(batch.size());
            log.warn("Could not log {} impressions; they are lost: {}", batch.size(), e.getMessage());
            return 0;
        } finally {
            finished.addAndGet(batch.size());
        }
    }
}
