package io.dinplatform.core.serving;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.data.encode.InstanceEncoder;
import io.dinplatform.core.data.encode.ScoringEncoding;
import io.dinplatform.core.data.shard.DirectoryShardStore;
import io.dinplatform.core.data.shard.ShardManifest;
import io.dinplatform.core.data.shard.StoredShards;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A dataset's scoring shards, translated into a model's ids, are what the model's encoder makes of the raw rows: ids
 * the model does not know are unknown, histories keep the model's newest values, and the rows stay in file order
 * across shards.
 */
class VocabularyTranslationTest {

    /** The dataset: rare values (a minimum count of 2), its own split column, histories of up to 4. */
    private static final FeatureSchema DATASET = new FeatureSchema("label", "session", "split", null, List.of(
            FeatureSpec.categorical("user_id"),
            new FeatureSpec("item_id", FeatureKind.CATEGORICAL, null, null, 2),
            FeatureSpec.sequence("hist_item_id", "item_id", 4),
            FeatureSpec.numeric("price")));

    /** The model: histories of 2, and vocabularies that know some of the dataset's values and some others. */
    private static final FeatureSchema MODEL = new FeatureSchema("label", null, null, null, List.of(
            FeatureSpec.categorical("user_id"),
            FeatureSpec.categorical("item_id"),
            FeatureSpec.sequence("hist_item_id", "item_id", 2),
            FeatureSpec.numeric("price")));

    private static final Vocabularies MODEL_VOCABULARIES = new Vocabularies(Map.of(
            "user_id", vocabulary("u2", "u9", "u1"),
            "item_id", vocabulary("i7", "i3", "i1", "i8")));

    private static final String HEADER = "session,user_id,item_id,hist_item_id,price,label,split";
    private static final List<String> ROWS = List.of(
            "s1,u1,i1,i2|i3|i4|i5,1.5,1,train",
            "s1,u1,i3,i1,,0,test",
            "s2,u2,i9,,2,0,valid",
            "s3,u3,i1,i3|i1|i7,0.25,1,train",
            "s3,u3,,i7|i3,3,0,test",
            "s4,u1,i3,i1|i1|i1|i1|i1|i1,4,1,train",
            "s5,u2,i7,i9,5,0,valid");

    @TempDir
    Path directory;

    @Test
    void translatedShardsEqualTheModelsEncodingOfTheRawRows() throws IOException {
        StoredShards shards = scoringShards(3);
        EncodedDataset rows = EncodedDataset.concatenate(List.of(shards.shard(ScoringEncoding.SPLIT, 0),
                shards.shard(ScoringEncoding.SPLIT, 1), shards.shard(ScoringEncoding.SPLIT, 2)));

        EncodedDataset translated = new VocabularyTranslation(shards.schema(), shards.vocabularies(), MODEL,
                MODEL_VOCABULARIES).toModel(rows);

        EncodedDataset expected = new InstanceEncoder(MODEL, MODEL_VOCABULARIES).encode(rawInstances());
        assertThat(translated.size()).isEqualTo(ROWS.size());
        for (String feature : List.of("user_id", "item_id")) {
            assertThat(translated.categorical().get(feature)).as(feature)
                    .containsExactly(expected.categorical().get(feature));
        }
        assertThat(translated.sequences().get("hist_item_id").offsets())
                .containsExactly(expected.sequences().get("hist_item_id").offsets());
        assertThat(translated.sequences().get("hist_item_id").values())
                .containsExactly(expected.sequences().get("hist_item_id").values());
        assertThat(translated.numeric().get("price")).containsExactly(expected.numeric().get("price"));
        assertThat(translated.labels()).containsExactly(1, 0, 0, 1, 0, 1, 0);
        for (int row = 0; row < ROWS.size(); row++) {
            assertThat(UnknownFeatures.of(translated, row)).as("row %d", row)
                    .isEqualTo(UnknownFeatures.of(expected, row));
        }
    }

    @Test
    void theScoringShardsKeepEveryRawValueInFileOrder() throws IOException {
        StoredShards shards = scoringShards(3);

        assertThat(shards.shardRows(ScoringEncoding.SPLIT)).containsExactly(3, 3, 1);
        Vocabulary items = shards.vocabularies().of("item_id");
        Vocabulary sessions = shards.vocabularies().of("session");
        List<String> decoded = new ArrayList<>();
        for (int shard = 0; shard < 3; shard++) {
            EncodedDataset rows = shards.shard(ScoringEncoding.SPLIT, shard);
            for (int row = 0; row < rows.size(); row++) {
                decoded.add(sessions.valueAt(rows.categorical().get("session")[row]) + ","
                        + items.valueAt(rows.categorical().get("item_id")[row]));
            }
        }
        assertThat(decoded).containsExactly("s1,i1", "s1,i3", "s2,i9", "s3,i1", "s3,null", "s4,i3", "s5,i7");
    }

    @Test
    void aFeatureTheDatasetLacksOrHoldsAsAnotherKindIsNamed() throws IOException {
        StoredShards shards = scoringShards(64);
        FeatureSchema needsCategory = new FeatureSchema("label", null, null, null, List.of(
                FeatureSpec.categorical("user_id"), FeatureSpec.categorical("cate_id")));
        FeatureSchema priceAsId = new FeatureSchema("label", null, null, null, List.of(
                FeatureSpec.categorical("user_id"), FeatureSpec.categorical("price")));

        assertThatThrownBy(() -> new VocabularyTranslation(shards.schema(), shards.vocabularies(), needsCategory,
                MODEL_VOCABULARIES)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the dataset has no feature 'cate_id' (the model needs it as CATEGORICAL)");
        assertThatThrownBy(() -> new VocabularyTranslation(shards.schema(), shards.vocabularies(), priceAsId,
                MODEL_VOCABULARIES)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the dataset's feature 'price' is NUMERIC but the model needs it as CATEGORICAL");
    }

    private StoredShards scoringShards(int rowsPerShard) throws IOException {
        Path samples = directory.resolve("samples.csv");
        List<String> lines = new ArrayList<>(List.of(HEADER));
        lines.addAll(ROWS);
        Files.write(samples, lines);
        DirectoryShardStore store = new DirectoryShardStore(directory.resolve("shards-" + rowsPerShard));
        ShardManifest manifest = ScoringEncoding.encoder(DATASET, rowsPerShard).encode(samples, "k", store);
        return StoredShards.open(ScoringEncoding.schemaOf(DATASET), manifest, store);
    }

    /** The rows as an online request sends them: raw cells, a missing number as 0. */
    private static List<Map<String, String>> rawInstances() {
        List<String> header = List.of(HEADER.split(","));
        List<Map<String, String>> instances = new ArrayList<>();
        for (String row : ROWS) {
            String[] fields = row.split(",", -1);
            Map<String, String> instance = new HashMap<>();
            for (FeatureSpec feature : MODEL.features()) {
                String value = fields[header.indexOf(feature.name())];
                instance.put(feature.name(), feature.name().equals("price") && value.isEmpty() ? "0" : value);
            }
            instances.add(instance);
        }
        return instances;
    }

    private static Vocabulary vocabulary(String... values) {
        return new Vocabulary(List.of(values), new long[values.length + Vocabulary.FIRST_ID]);
    }
}
