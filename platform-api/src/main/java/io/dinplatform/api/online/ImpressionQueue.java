package io.dinplatform.api.online;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.dinplatform.registry.impression.Impression;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The hand-over between serving and the writer: serving offers and never waits; what does not fit is dropped and
 * counted, because an answer matters more than its log.
 */
public class ImpressionQueue {

    private final BlockingQueue<Impression> waiting;
    private final Counter dropped;
    /** Impressions the queue took, ever: what a flush must see written before it returns. */
    private final AtomicLong accepted = new AtomicLong();

    public ImpressionQueue(int capacity, MeterRegistry meters) {
        this.waiting = new ArrayBlockingQueue<>(capacity);
        this.dropped = Counter.builder("din.impressions.dropped")
                .description("Impressions not logged because the writer's queue was full").register(meters);
    }

    /** Queues the impression, or drops and counts it when the queue is full. */
    public void offer(Impression impression) {
        if (waiting.offer(impression)) {
            accepted.incrementAndGet();
        } else {
            dropped.increment();
        }
    }

    /** The next impression, waiting at most {@code wait}; null when none came. */
    Impression poll(Duration wait) throws InterruptedException {
        return waiting.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Moves up to {@code max} waiting impressions into {@code batch}; returns how many. */
    int drainTo(Collection<Impression> batch, int max) {
        return waiting.drainTo(batch, max);
    }

    /** Impressions the queue has taken so far (not dropped). */
    long accepted() {
        return accepted.get();
    }

    /** Impressions dropped so far. */
    public long dropped() {
        return (long) dropped.count();
    }
}
