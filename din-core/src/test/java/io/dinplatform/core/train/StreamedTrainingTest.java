package io.dinplatform.core.train;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.shard.DirectoryShardStore;
import io.dinplatform.core.data.shard.InvalidShardException;
import io.dinplatform.core.data.shard.ShardCodec;
import io.dinplatform.core.data.shard.ShardManifest;
import io.dinplatform.core.data.shard.ShardRef;
import io.dinplatform.core.data.shard.ShardStore;
import io.dinplatform.core.data.shard.ShardedDataset;
import io.dinplatform.core.data.shard.StoredShards;
import io.dinplatform.core.device.DeviceChoice;
import io.dinplatform.core.embedding.TinyDatasets;
import io.dinplatform.core.model.ModelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Training streamed from stored shards: 420 training rows in shards of 50, shuffled in windows of two shards, 14
 * mini-batches of 32 per epoch, so mini-batches cross shards and windows.
 */
class StreamedTrainingTest {

    private static final int ROWS_PER_SHARD = 50;
    private static final int SHUFFLE_BUFFER_ROWS = 120;

    private final EncodedDataset data = TinyDatasets.generate(600, 30, 60, 6, 9);
    private final TrainingConfig config = new TrainingConfig(3, 32, OptimizerConfig.adam(0.01f),
            RegularizationConfig.mba(0.01f), 5f, 17, DeviceChoice.CPU, 0, 64, null);

    @TempDir
    Path directory;

    @Test
    void aRunResumedInTheMiddleOfAShardEqualsAnUninterruptedOne() throws IOException {
        ShardedDataset shards = stored(data);
        Map<String, float[]> uninterrupted = trainFully(shards);
        byte[] checkpoint;
        try (ModelFixture fixture = new ModelFixture(data, ModelType.DIN, config.seed());
             Trainer trainer = new Trainer(fixture.model, fixture.tables, shards, config, SHUFFLE_BUFFER_ROWS)) {
            AtomicInteger steps = new AtomicInteger();
            // Step 20 is batch 6 of epoch 2: rows 192..224 of the epoch, inside its second window and a shard.
            TrainingResult result = trainer.fit(countingSteps(steps), () -> steps.get() == 20);
            assertThat(result.status()).isEqualTo(TrainingResult.Status.CANCELLED);
            checkpoint = checkpointOf(trainer);
        }
        // Another buffer setting on the resuming side: the checkpoint's buffer wins, so the order is the same.
        try (ModelFixture fixture = new ModelFixture(data, ModelType.DIN, 999);
             Trainer trainer = new Trainer(fixture.model, fixture.tables, stored(data), config, 7)) {
            trainer.readCheckpoint(new ByteArrayInputStream(checkpoint));
            TrainingResult result = trainer.fit(TrainingListener.NONE, () -> false);
            assertThat(result.status()).isEqualTo(TrainingResult.Status.COMPLETED);
            Map<String, float[]> resumed = parameters(fixture);
            resumed.put("valid scores", trainer.predict(Split.VALID).scores());
            uninterrupted.forEach((name, values) -> assertThat(resumed.get(name)).as(name).isEqualTo(values));
        }
    }

    @Test
    void storedShardsTrainExactlyAsTheSameShardsInMemory() throws IOException {
        Map<String, float[]> fromStore = trainFully(stored(data));
        Map<String, float[]> inMemory = trainFully(ShardedDataset.inMemory(data, ROWS_PER_SHARD));
        fromStore.forEach((name, values) -> assertThat(inMemory.get(name)).as(name).isEqualTo(values));
    }

    @Test
    void evaluationStreamedShardByShardEqualsTheWholeSplitAtOnce() throws IOException {
        try (ModelFixture fixture = new ModelFixture(data, ModelType.DIN, config.seed());
             Trainer streamed = new Trainer(fixture.model, fixture.tables, stored(data), config, SHUFFLE_BUFFER_ROWS);
             Trainer whole = new Trainer(fixture.model, fixture.tables, data, config)) {
            for (Split split : List.of(Split.VALID, Split.TEST)) {
                assertThat(streamed.predict(split).scores()).isEqualTo(whole.predict(split).scores());
                assertThat(streamed.predict(split).groups()).isEqualTo(whole.predict(split).groups());
                assertThat(streamed.evaluate(split)).isEqualTo(whole.evaluate(split));
            }
        }
    }

    @Test
    void aShardDamagedAfterEncodingStopsTrainingWithItsName() throws IOException {
        StoredShards shards = stored(data);
        Path file = directory.resolve("shards").resolve(shards.manifest().shards(Split.TRAIN).get(3).sha256());
        byte[] bytes = Files.readAllBytes(file);
        bytes[40] ^= 0x10;
        Files.write(file, bytes);
        try (ModelFixture fixture = new ModelFixture(data, ModelType.DIN, config.seed());
             Trainer trainer = new Trainer(fixture.model, fixture.tables, shards, config, SHUFFLE_BUFFER_ROWS)) {
            assertThatThrownBy(() -> trainer.fit(TrainingListener.NONE, () -> false))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(InvalidShardException.class)
                    .hasMessageContaining("shard 4 of 9 of the TRAIN split")
                    .hasMessageContaining("is corrupt");
        }
    }

    private Map<String, float[]> trainFully(ShardedDataset shards) {
        try (ModelFixture fixture = new ModelFixture(data, ModelType.DIN, config.seed());
             Trainer trainer = new Trainer(fixture.model, fixture.tables, shards, config, SHUFFLE_BUFFER_ROWS)) {
            TrainingResult result = trainer.fit(TrainingListener.NONE, () -> false);
            assertThat(result.status()).isEqualTo(TrainingResult.Status.COMPLETED);
            Map<String, float[]> values = parameters(fixture);
            values.put("valid scores", trainer.predict(Split.VALID).scores());
            return values;
        }
    }

    /** The dataset's splits written as shards of 50 rows into a directory store, and opened from its manifest. */
    private StoredShards stored(EncodedDataset encoded) throws IOException {
        ShardStore store = new DirectoryShardStore(directory.resolve("shards"));
        ShardedDataset inMemory = ShardedDataset.inMemory(encoded, ROWS_PER_SHARD);
        Map<Split, List<ShardRef>> shards = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            List<ShardRef> refs = new ArrayList<>();
            for (int i = 0; i < inMemory.shardRows(split).length; i++) {
                EncodedDataset shard = inMemory.shard(split, i);
                refs.add(new ShardRef(store.write(ShardCodec.write(shard)), shard.size()));
            }
            shards.put(split, refs);
        }
        ShardManifest manifest = new ShardManifest("test", ROWS_PER_SHARD,
                StoredShards.writeVocabularies(encoded.vocabularies(), store), shards);
        return StoredShards.open(encoded.schema(), store.write(manifest.toJson()), store);
    }

    private static TrainingListener countingSteps(AtomicInteger steps) {
        return new TrainingListener() {
            @Override
            public void onStep(StepProgress progress) {
                steps.incrementAndGet();
            }
        };
    }

    private static Map<String, float[]> parameters(ModelFixture fixture) {
        Map<String, float[]> values = new LinkedHashMap<>();
        fixture.layers().parameters().forEach((name, array) -> values.put(name, array.toFloatArray()));
        fixture.layers().state().forEach((name, array) -> values.put(name, array.toFloatArray()));
        fixture.tables.tables().forEach((name, array) -> values.put("embedding." + name, array.toFloatArray()));
        return values;
    }

    private static byte[] checkpointOf(Trainer trainer) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            trainer.writeCheckpoint(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
