package io.dinplatform.core.train;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.device.DeviceChoice;
import io.dinplatform.core.embedding.BatchAssembler;
import io.dinplatform.core.embedding.IndexBatch;
import io.dinplatform.core.embedding.TinyDatasets;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class IdDropoutTest {

    /** Users 0-6 of every 10 train, 7-8 validate, 9 test: no user is in two splits. */
    private static final EncodedDataset BY_USER = splitByUser(TinyDatasets.generate(600, 30, 60, 6, 9));
    /** The same rows split by position: users occur in every split. */
    private static final EncodedDataset BY_ROW = TinyDatasets.generate(600, 30, 60, 6, 9);

    private static final TrainingConfig CONFIG = new TrainingConfig(1, 32, OptimizerConfig.adam(0.01f),
            RegularizationConfig.mba(0.01f), 0f, 17, DeviceChoice.CPU, 0, 64, null);

    @Test
    void inASplitByGroupTheUnknownUserRowTrainsByDefaultAndStaysAtItsInitialValueWithoutDropout() {
        float[] initial = unknownRowAfter(CONFIG.withEpochs(1), 0, "user_id");
        float[] withoutDropout = unknownRowAfter(CONFIG.withIdDropout(Map.of("user_id", 0f)), 1, "user_id");
        float[] byDefault = unknownRowAfter(CONFIG, 1, "user_id");

        assertThat(withoutDropout).isEqualTo(initial);
        assertThat(byDefault).isNotEqualTo(initial);
        assertThat(unknownRowAfter(CONFIG, 1, "item_id")).as("a feature without dropout")
                .isEqualTo(unknownRowAfter(CONFIG, 0, "item_id"));
    }

    @Test
    void aDropoutSetForAnotherFeatureTrainsThatFeaturesUnknownRow() {
        TrainingConfig items = CONFIG.withIdDropout(Map.of("item_id", 0.2f));
        assertThat(unknownRowAfter(items, 1, "item_id")).isNotEqualTo(unknownRowAfter(items, 0, "item_id"));
    }

    @Test
    void theDefaultDropsTheGroupFeatureOnlyWhereTheSplitIsByGroup() {
        assertThat(IdDropout.of(BY_USER, Map.of()).probabilities())
                .containsExactly(Map.entry("user_id", IdDropout.DEFAULT_GROUP_SPLIT));
        assertThat(IdDropout.of(BY_ROW, Map.of()).probabilities()).isEmpty();
    }

    @Test
    void theRunOverridesTheSchemaWhichOverridesTheDefault() {
        EncodedDataset schemaSaysHalf = withSchema(BY_USER, new FeatureSchema("label", "user_id", null, null, List.of(
                new FeatureSpec("user_id", FeatureKind.CATEGORICAL, null, null, null,
                        0.5f),
                new FeatureSpec("item_id", FeatureKind.CATEGORICAL, null, null, null,
                        0.05f),
                FeatureSpec.categorical("cate_id"),
                FeatureSpec.sequence("hist_item_id", "item_id", 6),
                FeatureSpec.sequence("hist_cate_id", "cate_id", 6),
                FeatureSpec.numeric("price"))));

        assertThat(IdDropout.of(schemaSaysHalf, Map.of()).probabilities())
                .containsExactly(Map.entry("user_id", 0.5f), Map.entry("item_id", 0.05f));
        assertThat(IdDropout.of(schemaSaysHalf, Map.of("user_id", 0f, "cate_id", 0.3f)).probabilities())
                .containsExactly(Map.entry("item_id", 0.05f), Map.entry("cate_id", 0.3f));
    }

    @Test
    void aRunNamingNoCategoricalFeatureIsRefusedNamingTheField() {
        assertThatThrownBy(() -> IdDropout.of(BY_USER, Map.of("userid", 0.1f)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("training.idDropout.userid");
        assertThatThrownBy(() -> IdDropout.of(BY_USER, Map.of("hist_item_id", 0.1f)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("training.idDropout.hist_item_id");
        assertThatThrownBy(() -> CONFIG.withIdDropout(Map.of("user_id", 1f)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("training.idDropout.user_id");
    }

    @Test
    void aBatchDropsAboutPOfItsIdsAndTheSameOnesForTheSamePosition() {
        IdDropout dropout = IdDropout.of(BY_ROW, Map.of("item_id", 0.3f));
        BatchAssembler assembler = BatchAssembler.forSchema(BY_ROW.schema(), 600);
        int[] rows = IntStream.range(0, 600).toArray();

        long[] first = dropped(assembler, rows, dropout, 3, 5);
        long[] again = dropped(assembler, rows, dropout, 3, 5);
        long[] nextBatch = dropped(assembler, rows, dropout, 3, 6);

        assertThat(again).isEqualTo(first);
        assertThat(nextBatch).isNotEqualTo(first);
        long unknown = Arrays.stream(first).filter(id -> id == Vocabulary.UNKNOWN).count();
        assertThat(unknown / 600.0).isCloseTo(0.3, within(0.06));
        for (int i = 0; i < 600; i++) {
            if (first[i] != Vocabulary.UNKNOWN) {
                assertThat(first[i]).isEqualTo(BY_ROW.categorical().get("item_id")[i]);
            }
        }
    }

    @Test
    void aRunWithDropoutResumedFromACheckpointEqualsAnUninterruptedOne() throws IOException {
        TrainingConfig config = CONFIG.withEpochs(2);
        float[] uninterrupted;
        try (ModelFixture fixture = new ModelFixture(BY_USER, ModelType.DIN, 17);
             Trainer trainer = new Trainer(fixture.model, fixture.tables, BY_USER, config)) {
            trainer.fit(TrainingListener.NONE, () -> false);
            uninterrupted = trainer.predict(Split.TEST).scores();
        }
        ByteArrayOutputStream checkpoint = new ByteArrayOutputStream();
        try (ModelFixture fixture = new ModelFixture(BY_USER, ModelType.DIN, 17);
             Trainer trainer = new Trainer(fixture.model, fixture.tables, BY_USER, config)) {
            AtomicInteger steps = new AtomicInteger();
            trainer.fit(new TrainingListener() {
                @Override
                public void onStep(StepProgress progress) {
                    steps.incrementAndGet();
                }
            }, () -> steps.get() == 17);
            trainer.writeCheckpoint(checkpoint);
        }
        try (ModelFixture fixture = new ModelFixture(BY_USER, ModelType.DIN, 999);
             Trainer trainer = new Trainer(fixture.model, fixture.tables, BY_USER, config)) {
            trainer.readCheckpoint(new ByteArrayInputStream(checkpoint.toByteArray()));
            trainer.fit(TrainingListener.NONE, () -> false);
            assertThat(trainer.predict(Split.TEST).scores()).isEqualTo(uninterrupted);
        }
    }

    private static long[] dropped(BatchAssembler assembler, int[] rows, IdDropout dropout, int epoch, int batch) {
        IndexBatch indices = assembler.assemble(BY_ROW, rows, 0, rows.length);
        dropout.apply(indices, 17, epoch, batch);
        LongBuffer ids = indices.categoricalIds("item_id");
        long[] values = new long[rows.length];
        ids.get(0, values);
        return values;
    }

    /** The unknown row of a feature's table after training {@code epochs} epochs (0: as initialised). */
    private static float[] unknownRowAfter(TrainingConfig config, int epochs, String feature) {
        try (ModelFixture fixture = new ModelFixture(BY_USER, ModelType.DIN, 17);
             Trainer trainer = new Trainer(fixture.model, fixture.tables, BY_USER, config)) {
            if (epochs > 0) {
                trainer.fit(TrainingListener.NONE, () -> false);
            }
            return fixture.tables.table(feature).get(Vocabulary.UNKNOWN).toFloatArray();
        }
    }

    private static EncodedDataset splitByUser(EncodedDataset data) {
        byte[] splits = new byte[data.size()];
        for (int r = 0; r < data.size(); r++) {
            int user = data.groups()[r] % 10;
            splits[r] = (byte) (user < 7 ? Split.TRAIN : user < 9 ? Split.VALID : Split.TEST).ordinal();
        }
        return new EncodedDataset(data.schema(), data.vocabularies(), data.labels(), data.groups(), splits,
                data.categorical(), data.sequences(), data.numeric());
    }

    private static EncodedDataset withSchema(EncodedDataset data, FeatureSchema schema) {
        return new EncodedDataset(schema, data.vocabularies(), data.labels(), data.groups(), data.splits(),
                data.categorical(), data.sequences(), data.numeric());
    }
}
