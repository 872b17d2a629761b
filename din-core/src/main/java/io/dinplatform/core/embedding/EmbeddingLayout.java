package io.dinplatform.core.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dinplatform.core.model.EmbeddedBatch;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;

import java.util.List;
import java.util.Map;

/**
 * Arranges per-feature embeddings into an {@link EmbeddedBatch}, the one layout both lookups share: the profile is
 * the profile and context features in schema order, an item vector is the sequence targets in the order of the
 * sequences (goods ⊕ shop ⊕ category), and the history uses that same order, position by position.
 */
final class EmbeddingLayout {

    private final List<String> profileFeatures;
    private final List<String> candidateFeatures;
    private final List<String> sequenceFeatures;
    private final int dimension;

    EmbeddingLayout(FeatureSchema schema, int dimension) {
        this.profileFeatures = schema.profileAndContext().stream().map(FeatureSpec::name).toList();
        this.candidateFeatures = schema.sequenceTargets().stream().map(FeatureSpec::name).toList();
        this.sequenceFeatures = schema.sequences().stream().map(FeatureSpec::name).toList();
        this.dimension = dimension;
    }

    /**
     * @param categorical (B, d) per categorical feature
     * @param history     (B, T, d) per sequence feature
     */
    EmbeddedBatch compose(IndexBatch batch, Map<String, NDArray> categorical, Map<String, NDArray> history,
                          NDManager manager) {
        int b = batch.size();
        int t = batch.historyLength();
        NDArray profile = profileFeatures.isEmpty() ? null : concat(profileFeatures, categorical, 1);
        NDArray candidate = candidateFeatures.isEmpty()
                ? manager.zeros(new Shape(b, 0))
                : concat(candidateFeatures, categorical, 1);
        NDArray items = sequenceFeatures.isEmpty()
                ? manager.zeros(new Shape(b, t, 0))
                : concat(sequenceFeatures, history, 2);
        return new EmbeddedBatch(profile, candidate, items, batch.mask(manager), batch.numeric(manager));
    }

    int dimension() {
        return dimension;
    }

    private static NDArray concat(List<String> features, Map<String, NDArray> embeddings, int axis) {
        if (features.size() == 1) {
            return embeddings.get(features.get(0));
        }
        NDList parts = new NDList(features.size());
        features.forEach(f -> parts.add(embeddings.get(f)));
        return NDArrays.concat(parts, axis);
    }
}
