package io.dinplatform.core.serving;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.encode.InstanceEncoder;
import io.dinplatform.core.data.encode.RowEncoder;
import io.dinplatform.core.embedding.BatchAssembler;
import io.dinplatform.core.embedding.EmbeddingLookup;
import io.dinplatform.core.model.CtrModel;
import io.dinplatform.core.model.EmbeddedBatch;
import io.dinplatform.core.model.RankingUser;
import io.dinplatform.core.model.Scores;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import io.dinplatform.core.nn.GradientMode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Scores raw instances with a loaded bundle. Thread-safe: any number of threads may call it at once.
 *
 * <p>Raw values are encoded with the bundle's vocabularies (unknown values become the unknown index, long histories
 * keep their newest items); a caller that encodes first ({@link #encode}) to check a request scores those very rows
 * later ({@link #score}). Rows are scored in batches of at most {@code maxBatchSize} rows, each in its
 * own {@link NDManager} that is closed when the batch is done, with PyTorch's gradient recording off on the calling
 * thread (it is per thread and on by default in threads the engine did not start), so serving never builds an
 * autograd graph. Index buffers are pooled, not allocated per call, so native memory stays flat under load.
 */
public final class Scorer {

    private final ModelBundle bundle;
    private final CtrModel model;
    private final InstanceEncoder encoder;
    private final EmbeddingLookup lookup;
    private final int maxBatchSize;
    private final ForwardPassLimit passes;
    /** Below this many candidates a chunk is not worth another thread. */
    private static final int MIN_CHUNK = 32;

    private final ConcurrentLinkedQueue<BatchAssembler> assemblers = new ConcurrentLinkedQueue<>();

    /**
     * @param bundle       the model; the scorer does not close it
     * @param maxBatchSize the most rows one forward pass takes; longer requests are scored in several
     */
    public Scorer(ModelBundle bundle, int maxBatchSize) {
        this(bundle, maxBatchSize, ForwardPassLimit.NONE);
    }

    /**
     * A scorer shared by a server's threads, which runs at most {@code concurrentPasses} forward passes at once (see
     * {@link ForwardPassLimit}): a pass beyond them waits its turn.
     *
     * @param concurrentPasses typically the scoring threads the server gives the model
     */
    public Scorer(ModelBundle bundle, int maxBatchSize, int concurrentPasses) {
        this(bundle, maxBatchSize, ForwardPassLimit.of(concurrentPasses));
    }

    /**
     * A server's scorer, as above, whose every pass runs with {@code threadsPerPass} intra-op threads on the thread
     * that runs it, whatever that thread's count was.
     */
    public Scorer(ModelBundle bundle, int maxBatchSize, int concurrentPasses, int threadsPerPass) {
        this(bundle, maxBatchSize, ForwardPassLimit.of(concurrentPasses, threadsPerPass));
    }

    private Scorer(ModelBundle bundle, int maxBatchSize, ForwardPassLimit passes) {
        if (maxBatchSize <= 0) {
            throw new IllegalArgumentException("maxBatchSize must be positive, not " + maxBatchSize);
        }
        this.bundle = bundle;
        this.model = bundle.model();
        this.encoder = new InstanceEncoder(bundle.schema(), bundle.vocabularies());
        this.lookup = new EmbeddingLookup(bundle.tables());
        this.maxBatchSize = maxBatchSize;
        this.passes = passes;
    }

    public ModelBundle bundle() {
        return bundle;
    }

    /** Click probabilities of the instances, in order. */
    public float[] predict(List<? extends Map<String, ?>> instances) {
        return predict(instances, false).scores();
    }

    /**
     * @param instances raw feature values by feature name (strings or numbers; sequences as lists)
     * @param explain   also return the attention weight of every history item (for a model with attention)
     * @throws io.dinplatform.core.data.encode.InvalidInstanceException naming the instance and the feature
     */
    public ScoringResult predict(List<? extends Map<String, ?>> instances, boolean explain) {
        return score(encode(instances), explain);
    }

    /**
     * Encodes raw instances with the bundle's vocabularies, for {@link #score}.
     *
     * @throws io.dinplatform.core.data.encode.InvalidInstanceException naming the instance and the feature
     */
    public EncodedDataset encode(List<? extends Map<String, ?>> instances) {
        return encoder.encode(instances);
    }

    /**
     * An encoder that takes one request's instances value by value, as a parser reads them, into the rows to
     * {@link #score} (with {@link #encode}'s checks).
     */
    public RowEncoder rows(int expectedInstances) {
        return encoder.rows(expectedInstances);
    }

    /**
     * Scores rows that {@link #encode} produced (or several such results joined with
     * {@link EncodedDataset#concatenate}).
     *
     * @param explain also return the attention weight of every history item (for a model with attention)
     */
    public ScoringResult score(EncodedDataset data, boolean explain) {
        int n = data.size();
        float[] scores = new float[n];
        float[][] attention = explain ? new float[n][] : null;
        int[] rows = IntStream.range(0, n).toArray();
        BatchAssembler assembler = borrowAssembler();
        try (GradientMode off = GradientMode.disabled()) {
            for (int from = 0; from < n; from += maxBatchSize) {
                int to = Math.min(n, from + maxBatchSize);
                int start = from;
                passes.run(() -> scoreBatch(data, rows, start, to, assembler, scores, attention));
            }
        } finally {
            assemblers.add(assembler);
        }
        boolean hasAttention = attention != null && (n == 0 || attention[0] != null);
        return new ScoringResult(scores, hasAttention ? List.of(attention) : null);
    }

    /**
     * Scores many candidates for one user, computing the user side (history embeddings and the part of the
     * attention unit that does not depend on the candidate) once.
     *
     * @param context    the user's features: profile, context and histories
     * @param candidates per candidate, its item features (and any feature that differs per candidate); a value
     *                   given here overrides the context's
     * @return click probabilities, in candidate order; equal (to float rounding) to {@link #predict} on the pairs
     */
    public float[] rank(Map<String, ?> context, List<? extends Map<String, ?>> candidates) {
        return rankCandidates(context, candidates).scores();
    }

    /**
     * {@link #rank}, with each candidate's unknown features (see {@link UnknownFeatures}): the candidate's own, the
     * context's, and the histories'. Scores on the calling thread alone.
     */
    public Ranking rankCandidates(Map<String, ?> context, List<? extends Map<String, ?>> candidates) {
        return rankCandidates(context, candidates, false, Runnable::run, 1);
    }

    /**
     * Ranks one user's candidates: the user side (the history's embeddings, its key projections in the attention
     * unit, the profile's embedding) is computed once, on the calling thread; the candidates are then split into up
     * to {@code threads} chunks, scored at once against that shared user side by the calling thread and helpers on
     * {@code executor}.
     *
     * @param explain  also return each candidate's attention weights over the history (a model with attention)
     * @param executor runs the helpers (e.g. the model's scoring threads); a helper that starts late finds no chunk
     *                 left and returns
     * @param threads  how many chunks at most, the calling thread's included
     */
    public Ranking rankCandidates(Map<String, ?> context, List<? extends Map<String, ?>> candidates, boolean explain,
                                  Executor executor, int threads) {
        if (candidates.isEmpty()) {
            return new Ranking(new float[0], List.of(), null);
        }
        FeatureSchema schema = bundle.schema();
        EncodedDataset user = encoder.encode(List.of(merge(context, candidates.get(0), schema, false)));
        List<Map<String, Object>> pairs = new ArrayList<>(candidates.size());
        candidates.forEach(c -> pairs.add(merge(context, c, schema, true)));
        return rankEncoded(user, encoder.encode(pairs), carryUserFeatures(candidates), explain, executor, threads);
    }

    /**
     * {@link #rankCandidates(Map, List, boolean, Executor, int)} on rows already encoded, for a caller that encodes
     * a request's candidates as it reads them ({@link #rows}).
     *
     * @param user          one row: the context, with the first candidate's values over it (its histories are the
     *                      user's)
     * @param items         a row per candidate: the context's values with the candidate's own over them, every
     *                      history empty
     * @param carryUserSide whether some candidate gives a profile, context or numeric value of its own (then those
     *                      are taken per candidate, not once from the user's row)
     */
    public Ranking rankEncoded(EncodedDataset user, EncodedDataset items, boolean carryUserSide, boolean explain,
                               Executor executor, int threads) {
        int count = items.size();
        if (count == 0) {
            return new Ranking(new float[0], List.of(), null);
        }
        float[] scores = new float[count];
        float[][] attention = explain ? new float[count][] : null;
        // The user's arrays share its assembler's buffers (its numeric features are read by every pass), so the
        // assembler stays borrowed until the last chunk is scored.
        BatchAssembler userAssembler = borrowAssembler();
        try (GradientMode off = GradientMode.disabled(); NDManager userManager = bundle.tables().manager()
                .newSubManager()) {
            RankedUser ranked = passes.run(() -> rankedUser(user, carryUserSide, userAssembler, userManager));
            scoreChunks(count, Math.max(1, threads), executor,
                    (from, to) -> rankChunk(ranked, items, from, to, userManager, scores, attention));
        } finally {
            assemblers.add(userAssembler);
        }
        boolean hasAttention = attention != null && attention[0] != null;
        return new Ranking(scores, unknownFeatures(user, items), hasAttention ? List.of(attention) : null);
    }

    /** Embeds the user's row and computes the model's user side from it. */
    private RankedUser rankedUser(EncodedDataset user, boolean carryUserSide, BatchAssembler assembler,
                                  NDManager userManager) {
        EmbeddedBatch userBatch = lookup.lookup(assembler.assemble(user, new int[] {0}, 0, 1), userManager);
        return new RankedUser(
                model.rankingUser(userBatch.history().get(new NDIndex("0")), userBatch.mask().get(new NDIndex("0"))
                        .gt(0)),
                carryUserSide ? null : userBatch,
                historyLength(user));
    }

    /**
     * The user's side of one ranking.
     *
     * @param shared the user's own embedded row when every candidate takes its profile, context and numeric values
     *               from the context (then embedded once, not per candidate); null when some candidate overrides them
     */
    private record RankedUser(RankingUser side, EmbeddedBatch shared, int historyLength) {
    }

    /** Whether some candidate carries a value of the user's side: a profile, context or numeric feature. */
    private boolean carryUserFeatures(List<? extends Map<String, ?>> candidates) {
        FeatureSchema schema = bundle.schema();
        List<String> userFeatures = new ArrayList<>();
        schema.profileAndContext().forEach(f -> userFeatures.add(f.name()));
        schema.numeric().forEach(f -> userFeatures.add(f.name()));
        for (Map<String, ?> candidate : candidates) {
            for (String feature : userFeatures) {
                if (candidate.containsKey(feature)) {
                    return true;
                }
            }
        }
        return false;
    }

    private int historyLength(EncodedDataset user) {
        List<FeatureSpec> sequences = bundle.schema().sequences();
        if (sequences.isEmpty()) {
            return 0;
        }
        return Math.min(user.sequences().get(sequences.get(0).name()).length(0), bundle.schema().maxHistoryLength());
    }

    /** Candidates [from, to), in forward passes of at most {@code maxBatchSize}, against the shared user side. */
    private void rankChunk(RankedUser user, EncodedDataset items, int from, int to, NDManager userManager,
                           float[] scores, float[][] attention) {
        int[] rows = IntStream.range(0, items.size()).toArray();
        BatchAssembler assembler = borrowAssembler();
        try (GradientMode off = GradientMode.disabled()) {
            for (int start = from; start < to; start += maxBatchSize) {
                int first = start;
                int end = Math.min(to, start + maxBatchSize);
                passes.run(() -> rankPass(user, items, rows, first, end, assembler, userManager, scores, attention));
            }
        } finally {
            assemblers.add(assembler);
        }
    }

    /** One forward pass: candidates [from, to) against the shared user side. */
    private void rankPass(RankedUser user, EncodedDataset items, int[] rows, int from, int to,
                          BatchAssembler assembler, NDManager userManager, float[] scores, float[][] attention) {
        try (NDManager batchManager = userManager.newSubManager()) {
            EmbeddedBatch batch = lookup.lookup(assembler.assemble(items, rows, from, to), batchManager);
            EmbeddedBatch profileSource = user.shared() != null ? user.shared() : batch;
            Scores result = model.rank(user.side(), profileSource.profile(), batch.candidate(),
                    profileSource.numeric(), attention != null);
            System.arraycopy(probabilities(result.logits()), 0, scores, from, to - from);
            if (attention != null && result.attention() != null) {
                copyRankingAttention(result.attention(), user.historyLength(), from, to, attention);
            }
        }
    }

    /** Every candidate sees the same history, so each row's weights are the first {@code length} entries. */
    private static void copyRankingAttention(NDArray weights, int length, int from, int to, float[][] attention) {
        int padded = (int) weights.getShape().get(1);
        float[] flat = weights.toFloatArray();
        for (int r = from; r < to; r++) {
            int offset = (r - from) * padded;
            attention[r] = Arrays.copyOfRange(flat, offset, offset + Math.min(length, padded));
        }
    }

    /**
     * Splits [0, count) into up to {@code threads} chunks of at least {@link #MIN_CHUNK} rows and scores them at
     * once. Every participant, the calling thread and a helper per further chunk on the executor, takes the next
     * chunk nobody has taken, until none is left: when the executor's threads are busy with other requests, the
     * calling thread scores all its chunks itself instead of waiting for them. Returns when every chunk is done,
     * rethrowing the first failure.
     */
    private static void scoreChunks(int count, int threads, Executor executor, ChunkScorer chunk) {
        int chunks = Math.max(1, Math.min(threads, count / MIN_CHUNK));
        int size = (count + chunks - 1) / chunks;
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(chunks);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable participant = () -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    chunk.score(c * size, Math.min(count, (c + 1) * size));
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }
        };
        for (int helper = 1; helper < chunks; helper++) {
            executor.execute(participant);
        }
        participant.run();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the ranking's other chunks were scored", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** Scores the candidates [from, to). */
    @FunctionalInterface
    private interface ChunkScorer {
        void score(int from, int to);
    }

    /**
     * Per candidate, in schema order: its row's unknown features (histories emptied there) and the user row's
     * unknown histories, so that a candidate's list is what {@link #predict} on the pair would name.
     */
    private List<List<String>> unknownFeatures(EncodedDataset user, EncodedDataset items) {
        Set<String> unknownHistories = new HashSet<>(UnknownFeatures.of(user, 0));
        List<List<String>> perCandidate = new ArrayList<>(items.size());
        for (int r = 0; r < items.size(); r++) {
            Set<String> unknown = new HashSet<>(UnknownFeatures.of(items, r));
            perCandidate.add(bundle.schema().features().stream()
                    .filter(f -> f.kind() == FeatureKind.SEQUENCE ? unknownHistories.contains(f.name())
                            : unknown.contains(f.name()))
                    .map(FeatureSpec::name)
                    .toList());
        }
        return perCandidate;
    }

    /**
     * Runs a full batch and a ranking through the model once, with made-up instances (unknown ids, full-length
     * histories), so that the engine's kernels and allocations are ready before the first real request.
     */
    public void warmUp() {
        FeatureSchema schema = bundle.schema();
        Map<String, Object> instance = new HashMap<>();
        schema.categorical().forEach(f -> instance.put(f.name(), ""));
        List<String> history = Collections.nCopies(schema.maxHistoryLength(), "");
        schema.sequences().forEach(f -> instance.put(f.name(), history));
        schema.numeric().forEach(f -> instance.put(f.name(), 0));
        predict(Collections.nCopies(maxBatchSize, instance), true);
        rank(instance, Collections.nCopies(Math.min(maxBatchSize, 100), instance));
    }

    private void scoreBatch(EncodedDataset data, int[] rows, int from, int to, BatchAssembler assembler,
                            float[] scores, float[][] attention) {
        try (NDManager batchManager = bundle.tables().manager().newSubManager()) {
            EmbeddedBatch batch = lookup.lookup(assembler.assemble(data, rows, from, to), batchManager);
            Scores result = attention != null ? model.explain(batch) : new Scores(model.forward(batch, false), null);
            System.arraycopy(probabilities(result.logits()), 0, scores, from, to - from);
            if (attention != null && result.attention() != null) {
                copyAttention(data, from, to, result.attention(), attention);
            }
        }
    }

    /** Row r's weights are the first (true length) entries of its padded row. */
    private void copyAttention(EncodedDataset data, int from, int to, NDArray weights, float[][] attention) {
        int padded = (int) weights.getShape().get(1);
        float[] flat = weights.toFloatArray();
        SequenceColumn first = data.sequences().get(bundle.schema().sequences().get(0).name());
        for (int r = from; r < to; r++) {
            int length = Math.min(first.length(r), padded);
            int offset = (r - from) * padded;
            float[] row = new float[length];
            System.arraycopy(flat, offset, row, 0, length);
            attention[r] = row;
        }
    }

    private static float[] probabilities(NDArray logits) {
        return ai.djl.nn.Activation.sigmoid(logits).toFloatArray();
    }

    /**
     * The context with a candidate's values on top. For the candidates' side the histories are emptied: they are
     * read once, from the user's side.
     */
    private static Map<String, Object> merge(Map<String, ?> context, Map<String, ?> candidate, FeatureSchema schema,
                                             boolean withoutHistory) {
        Map<String, Object> merged = new HashMap<>(context);
        merged.putAll(candidate);
        if (withoutHistory) {
            for (FeatureSpec sequence : schema.sequences()) {
                merged.put(sequence.name(), Collections.emptyList());
            }
        }
        return merged;
    }

    private BatchAssembler borrowAssembler() {
        BatchAssembler assembler = assemblers.poll();
        return assembler != null ? assembler : BatchAssembler.forSchema(bundle.schema(), maxBatchSize);
    }
}
