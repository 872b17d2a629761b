package io.dinplatform.core.data.shard;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.encode.DatasetEncoder;
import io.dinplatform.core.data.encode.ShardedDatasetEncoder;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Encoding into shards and reading them back gives exactly what the one-pass in-memory encoder gives. */
class ShardRoundTripTest {

    /** Every feature kind: categorical with and without a minimum count, two aligned histories cut to 4, numeric. */
    static final FeatureSchema SCHEMA = new FeatureSchema("label", "user_id", null, null, List.of(
            FeatureSpec.categorical("user_id"),
            new FeatureSpec("item_id", FeatureKind.CATEGORICAL, null, null, 2),
            FeatureSpec.categorical("cate_id"),
            FeatureSpec.sequence("hist_item_id", "item_id", 4),
            FeatureSpec.sequence("hist_cate_id", "cate_id", 4),
            FeatureSpec.numeric("price")));

    @TempDir
    Path directory;

    @Test
    void shardsReadBackEqualTheInMemoryEncodingOfEverySplit() throws IOException {
        Path samples = writeSamples(directory.resolve("samples.csv"), 1_000, 3);
        EncodedDataset expected = new DatasetEncoder(SCHEMA).encode(samples);
        ShardStore store = new DirectoryShardStore(directory.resolve("shards"));
        ShardedDatasetEncoder encoder = new ShardedDatasetEncoder(SCHEMA, 64);
        ShardManifest manifest = encoder.encode(samples, encoder.key("a-sha256"), store);
        StoredShards stored = StoredShards.open(SCHEMA, store.write(manifest.toJson()), store);

        assertThat(stored.vocabularies()).isEqualTo(expected.vocabularies());
        assertThat(stored.manifest().rows()).isEqualTo(expected.size());
        for (Split split : Split.values()) {
            int[] rows = expected.rowsOf(split);
            assertThat(stored.rows(split)).as(split.name()).isEqualTo(rows.length);
            assertThat(stored.shardRows(split).length).as(split + " shards").isEqualTo((rows.length + 63) / 64);
            for (int i = 0; i < stored.shardRows(split).length; i++) {
                EncodedDataset want = expected.select(rows, i * 64, Math.min(rows.length, (i + 1) * 64));
                assertSameRows(stored.shard(split, i), want, split + " shard " + i);
            }
        }
    }

    @Test
    void theKeyChangesWithTheDataTheVocabularySettingsAndTheShardSize() {
        String key = new ShardedDatasetEncoder(SCHEMA, 64).key("data-1");
        assertThat(new ShardedDatasetEncoder(SCHEMA, 64).key("data-1")).isEqualTo(key);
        assertThat(new ShardedDatasetEncoder(SCHEMA, 64).key("data-2")).isNotEqualTo(key);
        assertThat(new ShardedDatasetEncoder(SCHEMA, 128).key("data-1")).isNotEqualTo(key);
        FeatureSchema otherMinimum = new FeatureSchema("label", "user_id", null, null, List.of(
                FeatureSpec.categorical("user_id"),
                new FeatureSpec("item_id", FeatureKind.CATEGORICAL, null, null, 3),
                FeatureSpec.categorical("cate_id"),
                FeatureSpec.sequence("hist_item_id", "item_id", 4),
                FeatureSpec.sequence("hist_cate_id", "cate_id", 4),
                FeatureSpec.numeric("price")));
        assertThat(new ShardedDatasetEncoder(otherMinimum, 64).key("data-1")).isNotEqualTo(key);
    }

    static void assertSameRows(EncodedDataset actual, EncodedDataset expected, String what) {
        assertThat(actual.labels()).as(what + " labels").isEqualTo(expected.labels());
        assertThat(actual.groups()).as(what + " groups").isEqualTo(expected.groups());
        assertThat(actual.splits()).as(what + " splits").isEqualTo(expected.splits());
        assertThat(actual.categorical().keySet()).isEqualTo(expected.categorical().keySet());
        expected.categorical().forEach((feature, column) ->
                assertThat(actual.categorical().get(feature)).as(what + " " + feature).isEqualTo(column));
        expected.sequences().forEach((feature, column) -> {
            assertThat(actual.sequences().get(feature).offsets()).as(what + " " + feature + " offsets")
                    .isEqualTo(column.offsets());
            assertThat(actual.sequences().get(feature).values()).as(what + " " + feature + " values")
                    .isEqualTo(column.values());
        });
        expected.numeric().forEach((feature, column) ->
                assertThat(actual.numeric().get(feature)).as(what + " " + feature).isEqualTo(column));
    }

    /**
     * Random rows over the schema with what encoding must get right: rare items (below the minimum count), empty
     * and over-long histories, missing categorical and numeric values, users in all three splits.
     */
    static Path writeSamples(Path file, int rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("user_id,item_id,cate_id,hist_item_id,hist_cate_id,price,label\n");
        for (int r = 0; r < rows; r++) {
            int item = random.nextInt(random.nextInt(10) == 0 ? 400 : 40);
            String cate = random.nextInt(20) == 0 ? "" : "c" + item % 7;
            StringBuilder items = new StringBuilder();
            StringBuilder cates = new StringBuilder();
            int length = random.nextInt(8);
            for (int k = 0; k < length; k++) {
                int h = random.nextInt(random.nextInt(10) == 0 ? 400 : 40);
                items.append(k == 0 ? "" : "|").append('i').append(h);
                cates.append(k == 0 ? "" : "|").append('c').append(h % 7);
            }
            String price = random.nextInt(10) == 0 ? "" : Float.toString(random.nextInt(1000) / 10f);
            csv.append('u').append(random.nextInt(120)).append(",i").append(item).append(',').append(cate)
                    .append(',').append(items).append(',').append(cates).append(',').append(price).append(',')
                    .append(random.nextInt(2)).append('\n');
        }
        return Files.writeString(file, csv);
    }
}
