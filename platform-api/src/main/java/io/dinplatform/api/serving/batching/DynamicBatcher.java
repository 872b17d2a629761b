package io.dinplatform.api.serving.batching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.serving.ScoringResult;

/**
 * Merges concurrent requests for one model version into mini-batches, the way Triton's dynamic batcher does: requests
 * wait in a queue; a worker takes the oldest, then keeps taking requests until the batch holds
 * {@code maxBatchInstances} instances or the oldest has waited {@code maxQueueDelay}; it scores them in one forward
 * pass and answers each request with its own scores.
 *
 * <p>Several workers share the queue (the predictor pool): one assembles a batch while the others run forward passes,
 * so the model is never idle while requests wait. Requests are never split between batches, so a request's instances
 * are always scored together. The queue is bounded by the instances admitted and not yet answered: a request that
 * would exceed it is refused at once with {@link QueueFullException}, so overload shows as fast refusals instead of
 * ever longer waits.
 *
 * <p>Requests arrive encoded: the rows the request was checked with are the rows its batch scores, joined with the
 * other requests' rows ({@link EncodedDataset#concatenate}), so no instance is encoded twice.
 */
public final class DynamicBatcher implements AutoCloseable {

    /** How often an idle worker looks whether the batcher was closed. */
    private static final long IDLE_POLL_MILLIS = 200;

    private final BatchScorer scorer;
    private final BatchingPolicy policy;
    private final BatchObserver observer;
    private final LinkedBlockingDeque<PendingRequest> queue = new LinkedBlockingDeque<>();
    private final AtomicInteger pendingInstances = new AtomicInteger();
    /** Held by the one worker that assembles the next batch; released before its forward pass. */
    private final ReentrantLock assembly = new ReentrantLock();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param name     names the worker threads, e.g. {@code movielens-din v3}
     * @param scorer   the forward pass; called by several workers at once, so it must be thread-safe
     * @param policy   batch size, delay, capacity and workers
     * @param observer told about waits, batches and refusals
     */
    public DynamicBatcher(String name, BatchScorer scorer, BatchingPolicy policy, BatchObserver observer) {
        this.scorer = scorer;
        this.policy = policy;
        this.observer = observer;
        for (int i = 0; i < policy.workers(); i++) {
            Thread worker = new Thread(this::work, "batcher " + name + " #" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /**
     * Queues a request's encoded instances to be scored with others.
     *
     * @param rows the request's instances, encoded by the model this batcher scores with
     * @return completes with the instances' scores (and attention weights with {@code explain}), in order
     * @throws QueueFullException when the queue cannot take them now
     */
    public CompletableFuture<ScoringResult> submit(EncodedDataset rows, boolean explain) {
        if (closed) {
            throw new IllegalStateException("the batcher is closed");
        }
        admit(rows.size());
        PendingRequest request = new PendingRequest(rows, explain, System.nanoTime(), new CompletableFuture<>());
        queue.addLast(request);
        return request.answer();
    }

    /** Instances admitted and not yet answered. */
    public int pendingInstances() {
        return pendingInstances.get();
    }

    public BatchingPolicy policy() {
        return policy;
    }

    /** Stops the workers after their current batch; requests still queued fail. */
    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        PendingRequest left;
        while ((left = queue.pollFirst()) != null) {
            left.answer().completeExceptionally(new IllegalStateException("the model was unloaded"));
        }
    }

    /** An empty queue admits any request, so one larger than the capacity is slow but never refused forever. */
    private void admit(int instances) {
        while (true) {
            int pending = pendingInstances.get();
            if (pending > 0 && pending + instances > policy.capacity()) {
                observer.rejected(instances);
                throw new QueueFullException(instances, pending, policy.capacity());
            }
            if (pendingInstances.compareAndSet(pending, pending + instances)) {
                return;
            }
        }
    }

    private void work() {
        while (!closed) {
            try {
                List<PendingRequest> batch = nextBatch();
                if (!batch.isEmpty()) {
                    run(batch);
                }
            } catch (InterruptedException e) {
                return; // closed
            }
        }
    }

    private List<PendingRequest> nextBatch() throws InterruptedException {
        assembly.lockInterruptibly();
        try {
            PendingRequest first = queue.pollFirst(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (first == null) {
                return List.of();
            }
            List<PendingRequest> batch = new ArrayList<>();
            batch.add(first);
            int size = first.size();
            long deadline = first.enqueuedNanos() + policy.maxQueueDelay().toNanos();
            while (size < policy.maxBatchInstances()) {
                long remaining = deadline - System.nanoTime();
                // Past the deadline, requests already queued still join: under load, batches fill without waiting.
                PendingRequest next = remaining > 0 ? queue.pollFirst(remaining, TimeUnit.NANOSECONDS)
                        : queue.pollFirst();
                if (next == null) {
                    break;
                }
                if (size + next.size() > policy.maxBatchInstances()) {
                    queue.addFirst(next); // it opens the next batch
                    break;
                }
                batch.add(next);
                size += next.size();
            }
            return batch;
        } finally {
            assembly.unlock();
        }
    }

    private void run(List<PendingRequest> batch) {
        long started = System.nanoTime();
        List<EncodedDataset> parts = new ArrayList<>(batch.size());
        int instances = 0;
        boolean explain = false;
        for (PendingRequest request : batch) {
            observer.queueWait(started - request.enqueuedNanos());
            parts.add(request.rows());
            instances += request.size();
            explain |= request.explain();
        }
        ScoringResult result;
        try {
            result = scorer.score(EncodedDataset.concatenate(parts), explain);
            observer.batch(instances);
        } catch (RuntimeException | Error e) {
            pendingInstances.addAndGet(-instances);
            batch.forEach(request -> request.answer().completeExceptionally(e));
            return;
        }
        pendingInstances.addAndGet(-instances);
        answer(batch, result);
    }

    /** Hands each request the slice of the batch's result that belongs to its own instances. */
    private static void answer(List<PendingRequest> batch, ScoringResult result) {
        int from = 0;
        for (PendingRequest request : batch) {
            int to = from + request.size();
            float[] scores = Arrays.copyOfRange(result.scores(), from, to);
            List<float[]> attention = request.explain() && result.attention() != null
                    ? List.copyOf(result.attention().subList(from, to)) : null;
            request.answer().complete(new ScoringResult(scores, attention));
            from = to;
        }
    }
}
