package io.dinplatform.api.serving.cache;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that score one model version's rank requests: a request's candidates are split into as many chunks as
 * the version has scoring workers ({@code din.serving.workers}), scored by the request's own thread and by helpers
 * here, all against the user side computed once (see {@link io.dinplatform.core.serving.Scorer#rankCandidates}).
 * One pool per loaded version, stopped when the version is unloaded, like its batcher's workers.
 */
final class RankingThreads implements AutoCloseable {

    private final ExecutorService executor;
    private final int count;

    private RankingThreads(ExecutorService executor, int count) {
        this.executor = executor;
        this.count = count;
    }

    /**
     * @param name  names the threads, e.g. {@code movielens-din v3}
     * @param count the threads, and the chunks of one request
     */
    static RankingThreads start(String name, int count) {
        AtomicInteger next = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(count, task -> {
            Thread thread = new Thread(task, "ranker " + name + " #" + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
        return new RankingThreads(executor, count);
    }

    ExecutorService executor() {
        return executor;
    }

    int count() {
        return count;
    }

    /** Lets the chunks in progress finish (their requests hold the model, so none is left when it closes). */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
