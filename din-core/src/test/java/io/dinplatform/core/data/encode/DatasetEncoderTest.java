package io.dinplatform.core.data.encode;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.GroupSplitter;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetEncoderTest {

    private static final FeatureSchema SCHEMA = new FeatureSchema("label", "user_id", "split", null, List.of(
            FeatureSpec.categorical("user_id"),
            new FeatureSpec("item_id", FeatureKind.CATEGORICAL, null, null, 2),
            FeatureSpec.sequence("hist_item_id", "item_id", 3), FeatureSpec.numeric("price")));

    private static final String HEADER = "user_id,item_id,hist_item_id,price,label,split\n";

    @Test
    void buildsVocabulariesFromTheTrainingRowsOnly() throws IOException {
        EncodedDataset data = encode(HEADER
                + "u1,a,b|a,1,1,train\n"
                + "u2,a,,2,0,train\n"
                + "u3,z,z|z|z,3,1,test\n"
                + "u3,b,a,4,0,valid\n");

        Vocabulary items = data.vocabularies().of("item_id");
        assertThat(items.values()).as("a: in 2 training samples, b: in 1 (below minCount 2), z: never in training")
                .containsExactly("a");
        assertThat(items.count(items.indexOf("a"))).isEqualTo(2);
        assertThat(items.count(Vocabulary.UNKNOWN)).as("b's training occurrence").isEqualTo(1);
        assertThat(items.count(Vocabulary.PADDING)).isZero();
        assertThat(items.indexOf("z")).isEqualTo(Vocabulary.UNKNOWN);
        assertThat(data.categorical().get("item_id")).containsExactly(2, 2, 1, 1);
        SequenceColumn history = data.sequences().get("hist_item_id");
        assertThat(history.offsets()).containsExactly(0, 2, 2, 5, 6);
        assertThat(history.values()).containsExactly(1, 2, 1, 1, 1, 2);
        Vocabulary users = data.vocabularies().of("user_id");
        assertThat(users.values()).containsExactly("u1", "u2");
        assertThat(users.indexOf("u3")).isEqualTo(Vocabulary.UNKNOWN);
    }

    @Test
    void countsAnIdOnceForEachTrainingSampleThatHoldsIt() throws IOException {
        EncodedDataset data = encode(HEADER
                + "u1,a,a|b|a,1,1,train\n"
                + "u2,b,a|a|a,1,0,train\n"
                + "u3,c,c|c,1,0,train\n"
                + "u4,a,a|a,1,1,test\n");

        Vocabulary items = data.vocabularies().of("item_id");
        assertThat(items.count(items.indexOf("a"))).as("candidate and history of u1, history of u2; u4 is test")
                .isEqualTo(2);
        assertThat(items.count(items.indexOf("b"))).as("history of u1, candidate of u2").isEqualTo(2);
        assertThat(items.indexOf("c")).as("three occurrences, one sample: below minCount 2")
                .isEqualTo(Vocabulary.UNKNOWN);
        assertThat(items.count(Vocabulary.UNKNOWN)).isEqualTo(1);
    }

    @Test
    void ordersTheVocabularyByDescendingCountThenValue() throws IOException {
        EncodedDataset data = encode(HEADER
                + "u1,c,,1,1,train\n" + "u1,b,,1,1,train\n" + "u1,a,,1,1,train\n"
                + "u1,b,,1,1,train\n" + "u1,c,,1,1,train\n" + "u1,c,,1,1,train\n" + "u1,a,,1,1,train\n");

        Vocabulary items = data.vocabularies().of("item_id");
        assertThat(items.values()).containsExactly("c", "a", "b");
        assertThat(items.counts()).containsExactly(0, 0, 3, 2, 2);
    }

    @Test
    void keepsTheNewestMaxLengthHistoryItemsAndCountsOnlyThose() throws IOException {
        EncodedDataset data = encode(HEADER + "u1,x,a|b|c|d|e,1,1,train\n" + "u1,x,c|d|e,1,1,train\n");

        Vocabulary items = data.vocabularies().of("item_id");
        SequenceColumn history = data.sequences().get("hist_item_id");
        assertThat(history.length(0)).isEqualTo(3);
        assertThat(Arrays.stream(history.values(), 0, 3).mapToObj(items::valueAt).toList())
                .as("newest last").containsExactly("c", "d", "e");
        assertThat(items.indexOf("a")).as("a and b were cut off, never counted").isEqualTo(Vocabulary.UNKNOWN);
        assertThat(items.count(Vocabulary.UNKNOWN)).isZero();
    }

    @Test
    void encodesLabelsGroupsSplitsNumbersAndMissingValues() throws IOException {
        EncodedDataset data = encode(HEADER + "u1,a,,2.5,1,train\n" + "u2,a,,,0,test\n" + "u1,,,1,0,valid\n");

        assertThat(data.size()).isEqualTo(3);
        assertThat(data.labels()).containsExactly(1f, 0f, 0f);
        assertThat(data.groups()).containsExactly(0, 1, 0);
        assertThat(data.split(1)).isEqualTo(Split.TEST);
        assertThat(data.rowsOf(Split.VALID)).containsExactly(2);
        assertThat(data.numeric().get("price")).containsExactly(2.5f, 0f, 1f);
        assertThat(data.categorical().get("item_id")[2]).as("a missing value").isEqualTo(Vocabulary.UNKNOWN);
    }

    @Test
    void splitsByAHashOfTheGroupWhenTheSchemaHasNoSplitColumn() throws IOException {
        FeatureSchema noSplit = new FeatureSchema("label", "user_id", null, null, SCHEMA.features());
        StringBuilder csv = new StringBuilder("user_id,item_id,hist_item_id,price,label\n");
        for (int r = 0; r < 20_000; r++) {
            csv.append('u').append(r % 2000).append(",i").append(r % 7).append(",,1,").append(r % 2).append('\n');
        }

        EncodedDataset data = new DatasetEncoder(noSplit, new GroupSplitter(3, 0.2, 0.1))
                .encode(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));

        Map<Integer, Split> splitOfGroup = new HashMap<>();
        for (int r = 0; r < data.size(); r++) {
            Split previous = splitOfGroup.putIfAbsent(data.groups()[r], data.split(r));
            assertThat(previous == null || previous == data.split(r)).as("user of row %d in one split", r).isTrue();
        }
        assertThat(data.rowsOf(Split.VALID).length / 20_000.0).isBetween(0.17, 0.23);
        assertThat(data.rowsOf(Split.TEST).length / 20_000.0).isBetween(0.08, 0.12);
    }

    @Test
    void holdsEveryColumnInPrimitiveArrays() throws IOException {
        EncodedDataset data = encode(HEADER + "u1,a,a|a,1,1,train\n");

        for (RecordComponent component : EncodedDataset.class.getRecordComponents()) {
            Class<?> type = component.getType();
            assertThat(type.isArray() ? type.getComponentType().isPrimitive()
                    : Map.class.isAssignableFrom(type) || !type.getPackageName().startsWith("java"))
                    .as(component.getName()).isTrue();
        }
        for (RecordComponent component : SequenceColumn.class.getRecordComponents()) {
            assertThat(component.getType()).isEqualTo(int[].class);
        }
        assertThat(data.categorical().values()).allSatisfy(c -> assertThat(c).isInstanceOf(int[].class));
        assertThat(data.numeric().values()).allSatisfy(c -> assertThat(c).isInstanceOf(float[].class));
    }

    private static EncodedDataset encode(String csv) throws IOException {
        return new DatasetEncoder(SCHEMA).encode(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
