package io.dinplatform.api.serving.cache;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.dinplatform.api.serving.batching.DynamicBatcher;
import io.dinplatform.api.serving.metrics.ModelVersionMetrics;
import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.encode.RowEncoder;
import io.dinplatform.core.device.NativeHeap;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.serving.Ranking;
import io.dinplatform.core.serving.Scorer;
import io.dinplatform.core.serving.ScoringResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model version loaded for serving: its bundle, the scorer, its request queue and its meters.
 *
 * <p>Reference counted: the cache holds one reference while the model is cached and every request holds one while it
 * is served. Whoever drops the last reference closes the batcher and frees the native memory, so a model evicted
 * or replaced mid-request finishes that request first.
 */
public final class ServedModel {

    private static final Logger log = LoggerFactory.getLogger(ServedModel.class);

    private final ServedVersion version;
    private final ModelBundle bundle;
    private final Scorer scorer;
    private final DynamicBatcher batcher;
    private final RankingThreads rankingThreads;
    private final ModelVersionMetrics metrics;
    private final long footprintBytes;
    /** Starts at 1: the cache's own reference. */
    private final AtomicInteger references = new AtomicInteger(1);
    /** When a request last took this model, on the cache's clock. */
    private volatile long lastUsedNanos;
    /** The cache's count of requests at this model's last one: the lower, the less recently used. */
    private volatile long lastUse;

    ServedModel(ServedVersion version, ModelBundle bundle, Scorer scorer, DynamicBatcher batcher,
                RankingThreads rankingThreads, ModelVersionMetrics metrics) {
        this.version = version;
        this.bundle = bundle;
        this.scorer = scorer;
        this.batcher = batcher;
        this.rankingThreads = rankingThreads;
        this.metrics = metrics;
        this.footprintBytes = ModelFootprint.bytes(bundle);
    }

    public ServedVersion version() {
        return version;
    }

    public ModelType type() {
        return bundle.architecture().type();
    }

    public FeatureSchema schema() {
        return bundle.schema();
    }

    public ModelVersionMetrics metrics() {
        return metrics;
    }

    /**
     * Encodes a request's instances with the model's vocabularies before they join a batch, so that a bad instance
     * is reported against its own request and never fails the batch it would have joined.
     *
     * @return the rows to {@link #predict}
     * @throws io.dinplatform.core.data.encode.InvalidInstanceException naming the instance, the feature and what
     *                                                                  is wrong
     */
    public EncodedDataset encode(List<? extends Map<String, ?>> instances) {
        return scorer.encode(instances);
    }

    /**
     * An encoder for one request's instances, value by value as its body is parsed: the rows to {@link #predict},
     * with {@link #encode}'s checks.
     */
    public RowEncoder rows(int expectedInstances) {
        return scorer.rows(expectedInstances);
    }

    /** Scores encoded rows together with other requests' (see {@link DynamicBatcher#submit}). */
    public CompletableFuture<ScoringResult> predict(EncodedDataset rows, boolean explain) {
        return batcher.submit(rows, explain);
    }

    /**
     * Scores many candidates for one user, computing the user side once and spreading the candidates over the
     * version's ranking threads, with each candidate's unknown features (see {@link Scorer#rankCandidates}).
     *
     * @param explain also return each candidate's attention weights (a DIN model)
     */
    public Ranking rank(Map<String, ?> context, List<? extends Map<String, ?>> candidates, boolean explain) {
        return scorer.rankCandidates(context, candidates, explain, rankingThreads.executor(),
                rankingThreads.count());
    }

    /**
     * {@link #rank} on rows already encoded (see {@link Scorer#rankEncoded}): the user's row and a row per candidate,
     * as a request's body was read.
     */
    public Ranking rankEncoded(EncodedDataset user, EncodedDataset items, boolean carryUserSide, boolean explain) {
        return scorer.rankEncoded(user, items, carryUserSide, explain, rankingThreads.executor(),
                rankingThreads.count());
    }

    long footprintBytes() {
        return footprintBytes;
    }

    /** Takes a reference unless the model is already closed (then the caller must load it again). */
    boolean tryAcquire() {
        while (true) {
            int current = references.get();
            if (current == 0) {
                return false;
            }
            if (references.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void markUsed(long nanos, long use) {
        lastUsedNanos = nanos;
        lastUse = use;
    }

    long lastUse() {
        return lastUse;
    }

    /** No request in flight (only the cache's reference is left), and none taken since {@code nanos}. */
    boolean idleSince(long nanos) {
        return references.get() == 1 && lastUsedNanos - nanos < 0;
    }

    void release() {
        if (references.decrementAndGet() == 0) {
            close();
        }
    }

    /** Also gives the C allocator's free pages back to the kernel, the model's among them (see NativeHeap#trim). */
    private void close() {
        batcher.close();
        rankingThreads.close();
        bundle.close();
        NativeHeap.trim();
        log.info("Unloaded model {} version {}", version.model(), version.version());
    }
}
