package io.dinplatform.core.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/**
 * Builds float64 embedded batches from per-row samples, padding histories to any length with garbage values (so
 * that a test fails if padding leaks into a score).
 */
final class TestBatches {

    /** One user–candidate pair before padding. */
    record Sample(double[] profile, double[] candidate, double[][] history, double[] numeric) {
    }

    private TestBatches() {
    }

    static Sample sample(SplittableRandom random, ModelDimensions dims, int historyLength) {
        double[][] history = new double[historyLength][];
        for (int t = 0; t < historyLength; t++) {
            history[t] = values(random, dims.itemWidth());
        }
        return new Sample(values(random, dims.profileWidth()), values(random, dims.itemWidth()), history,
                values(random, dims.numericWidth()));
    }

    static EmbeddedBatch batch(NDManager manager, ModelDimensions dims, int paddedLength, Sample... samples) {
        int b = samples.length;
        int d = dims.itemWidth();
        double[] profile = new double[b * dims.profileWidth()];
        double[] candidate = new double[b * d];
        double[] history = new double[b * paddedLength * d];
        double[] mask = new double[b * paddedLength];
        double[] numeric = new double[b * dims.numericWidth()];
        SplittableRandom garbage = new SplittableRandom(99);
        for (int r = 0; r < b; r++) {
            Sample s = samples[r];
            System.arraycopy(s.profile(), 0, profile, r * dims.profileWidth(), dims.profileWidth());
            System.arraycopy(s.candidate(), 0, candidate, r * d, d);
            System.arraycopy(s.numeric(), 0, numeric, r * dims.numericWidth(), dims.numericWidth());
            for (int t = 0; t < paddedLength; t++) {
                boolean real = t < s.history().length;
                double[] item = real ? s.history()[t] : values(garbage, d);
                System.arraycopy(item, 0, history, (r * paddedLength + t) * d, d);
                mask[r * paddedLength + t] = real ? 1 : 0;
            }
        }
        return new EmbeddedBatch(
                dims.profileWidth() == 0 ? null : manager.create(profile, new Shape(b, dims.profileWidth())),
                manager.create(candidate, new Shape(b, d)),
                manager.create(history, new Shape(b, paddedLength, d)),
                manager.create(mask, new Shape(b, paddedLength)),
                dims.numericWidth() == 0 ? null : manager.create(numeric, new Shape(b, dims.numericWidth())));
    }

    /** The ranking form: the user side of {@code user}, with each candidate of {@code candidates}. */
    static RankingBatch ranking(NDManager manager, ModelDimensions dims, Sample user, Sample... candidates) {
        int d = dims.itemWidth();
        double[] items = new double[candidates.length * d];
        for (int c = 0; c < candidates.length; c++) {
            System.arraycopy(candidates[c].candidate(), 0, items, c * d, d);
        }
        double[] history = new double[user.history().length * d];
        for (int t = 0; t < user.history().length; t++) {
            System.arraycopy(user.history()[t], 0, history, t * d, d);
        }
        return new RankingBatch(
                manager.create(user.profile(), new Shape(1, dims.profileWidth())),
                manager.create(items, new Shape(candidates.length, d)),
                manager.create(history, new Shape(user.history().length, d)),
                null,
                manager.create(user.numeric(), new Shape(1, dims.numericWidth())));
    }

    /** The same user side as {@code user} with another candidate. */
    static Sample withCandidate(Sample user, Sample candidate) {
        return new Sample(user.profile(), candidate.candidate(), user.history(), user.numeric());
    }

    static double[] values(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble(-1, 1);
        }
        return v;
    }
}
