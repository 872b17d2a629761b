package io.dinplatform.api.serving.split;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.dinplatform.api.online.ImpressionLog;
import io.dinplatform.api.serving.cache.ModelCache;
import io.dinplatform.api.serving.cache.ModelLease;
import io.dinplatform.api.serving.cache.ServedModel;
import io.dinplatform.api.serving.cache.ServedVersion;
import io.dinplatform.registry.impression.Impression;
import io.dinplatform.registry.impression.ImpressionIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Scores answered requests again with an alias's shadow version, after the answer, and logs those scores as shadow
 * impressions (each naming the served impression it shadows). The request's thread only offers the work to a bounded
 * queue: when the queue is full the work is dropped and counted, and a shadow that fails (its schema does not take
 * the request, its batcher is full) is counted too. Nothing a shadow computes reaches a response.
 */
public class ShadowScorer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShadowScorer.class);

    private final ModelCache cache;
    private final ImpressionLog impressions;
    private final ThreadPoolExecutor executor;
    private final Counter queueFull;
    private final Counter failed;

    public ShadowScorer(ModelCache cache, ImpressionLog impressions, ShadowProperties properties,
                        MeterRegistry meters) {
        this.cache = cache;
        this.impressions = impressions;
        CustomizableThreadFactory threads = new CustomizableThreadFactory("serving-shadow-");
        threads.setDaemon(true);
        this.executor = new ThreadPoolExecutor(properties.threads(), properties.threads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.queueCapacity()), threads, new ThreadPoolExecutor.AbortPolicy());
        this.queueFull = dropped(meters, "queue_full");
        this.failed = dropped(meters, "failed");
    }

    private static Counter dropped(MeterRegistry meters, String reason) {
        return Counter.builder("din.shadow.dropped").tag("reason", reason)
                .description("Requests a shadow version did not score: its queue was full, or scoring failed")
                .register(meters);
    }

    /**
     * How a shadow version scores a request's logged impressions: one score per impression, in their order. It runs
     * on a shadow thread, so it may parse and encode the request itself.
     */
    @FunctionalInterface
    public interface Scoring {

        float[] scores(ServedModel shadow);
    }

    /**
     * Queues the shadow scoring of the served impressions (none when the request was not logged: a shadow score is
     * only worth its feedback-labelled twin).
     */
    public void offer(ServedVersion shadow, List<Impression> served, Scoring scoring) {
        if (shadow == null || served.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> score(shadow, served, scoring));
        } catch (RejectedExecutionException e) {
            queueFull.increment();
        }
    }

    private void score(ServedVersion shadow, List<Impression> served, Scoring scoring) {
        long started = System.nanoTime();
        try (ModelLease lease = cache.acquire(shadow)) {
            float[] scores = scoring.scores(lease.model());
            int latencyMicros = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1000);
            List<Impression> shadowScores = new ArrayList<>(served.size());
            for (int i = 0; i < served.size(); i++) {
                shadowScores.add(served.get(i).shadowedBy(ImpressionIds.next(), shadow.version(), scores[i],
                        latencyMicros));
            }
            impressions.recordShadow(shadowScores);
        } catch (Exception e) {
            failed.increment();
            log.debug("Shadow version {} did not score a request: {}", shadow, e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
