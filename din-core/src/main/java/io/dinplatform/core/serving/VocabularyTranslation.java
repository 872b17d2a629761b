package io.dinplatform.core.serving;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns rows encoded with a dataset's vocabularies (its shards) into the rows a model's encoder would have made of the
 * same raw values: each id is translated through a per-feature array built once (dataset id → the model's id of the
 * same raw value, a value the model does not know → {@link Vocabulary#UNKNOWN}), histories keep the model's newest
 * {@code maxLength} ids, and numbers pass unchanged.
 *
 * <p>The result equals what {@link Scorer#encode} gives for the rows' raw values, as long as the dataset's encoding
 * gave every raw value an id of its own (see {@code ScoringEncoding}): an id the dataset encoding left unknown has no
 * raw value to look up.
 */
public final class VocabularyTranslation {

    private final FeatureSchema model;
    private final Vocabularies modelVocabularies;
    private final int maxLength;
    /** Per model feature (categorical or sequence): dataset id → model id. */
    private final Map<String, int[]> toModel = new LinkedHashMap<>();

    /**
     * @throws IllegalArgumentException naming the first feature the model needs that the dataset lacks, or holds as
     *                                  another kind
     */
    public VocabularyTranslation(FeatureSchema dataset, Vocabularies datasetVocabularies, FeatureSchema model,
                                 Vocabularies modelVocabularies) {
        this.model = model;
        this.modelVocabularies = modelVocabularies;
        this.maxLength = model.maxHistoryLength();
        for (FeatureSpec feature : model.features()) {
            FeatureSpec given = dataset.feature(feature.name()).orElseThrow(() -> new IllegalArgumentException(
                    "the dataset has no feature '" + feature.name() + "' (the model needs it as "
                            + feature.kind() + ")"));
            if (given.kind() != feature.kind()) {
                throw new IllegalArgumentException("the dataset's feature '" + feature.name() + "' is "
                        + given.kind() + " but the model needs it as " + feature.kind());
            }
            if (feature.kind() == FeatureKind.CATEGORICAL) {
                toModel.put(feature.name(), translation(datasetVocabularies.of(feature.name()),
                        modelVocabularies.of(feature.name())));
            } else if (feature.kind() == FeatureKind.SEQUENCE) {
                toModel.put(feature.name(), translation(datasetVocabularies.of(given.target()),
                        modelVocabularies.of(feature.target())));
            }
        }
    }

    private static int[] translation(Vocabulary dataset, Vocabulary model) {
        int[] ids = new int[dataset.size()];
        ids[Vocabulary.PADDING] = Vocabulary.PADDING;
        ids[Vocabulary.UNKNOWN] = Vocabulary.UNKNOWN;
        for (int id = Vocabulary.FIRST_ID; id < ids.length; id++) {
            ids[id] = model.indexOf(dataset.valueAt(id));
        }
        return ids;
    }

    /** The rows in the model's ids, with their labels and groups, in the same order. */
    public EncodedDataset toModel(EncodedDataset rows) {
        Map<String, int[]> categorical = new LinkedHashMap<>();
        Map<String, SequenceColumn> sequences = new LinkedHashMap<>();
        Map<String, float[]> numeric = new LinkedHashMap<>();
        for (FeatureSpec feature : model.features()) {
            String name = feature.name();
            switch (feature.kind()) {
                case CATEGORICAL -> categorical.put(name, translate(rows.categorical().get(name), toModel.get(name)));
                case SEQUENCE -> sequences.put(name, newest(rows.sequences().get(name), toModel.get(name)));
                case NUMERIC -> numeric.put(name, rows.numeric().get(name).clone());
            }
        }
        byte[] splits = new byte[rows.size()];
        Arrays.fill(splits, (byte) Split.TEST.ordinal());
        return new EncodedDataset(model, modelVocabularies, rows.labels().clone(), rows.groups().clone(), splits,
                categorical, sequences, numeric);
    }

    private static int[] translate(int[] ids, int[] toModel) {
        int[] translated = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            translated[i] = toModel[ids[i]];
        }
        return translated;
    }

    /** Each row's newest {@code maxLength} ids, translated. */
    private SequenceColumn newest(SequenceColumn column, int[] toModel) {
        int rows = column.rows();
        int[] offsets = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            offsets[r + 1] = offsets[r] + Math.min(column.length(r), maxLength);
        }
        int[] values = new int[offsets[rows]];
        for (int r = 0; r < rows; r++) {
            int end = column.start(r) + column.length(r);
            for (int at = offsets[r], from = end - (offsets[r + 1] - offsets[r]); at < offsets[r + 1]; at++, from++) {
                values[at] = toModel[column.values()[from]];
            }
        }
        return new SequenceColumn(offsets, values);
    }
}
