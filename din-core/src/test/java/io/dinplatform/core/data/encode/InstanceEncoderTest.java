package io.dinplatform.core.data.encode;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceEncoderTest {

    private static final FeatureSchema SCHEMA = new FeatureSchema("label", "user_id", null, null, List.of(
            FeatureSpec.categorical("user_id"), FeatureSpec.categorical("item_id"),
            FeatureSpec.categorical("cate_id"), FeatureSpec.sequence("hist_item_id", "item_id", 2),
            FeatureSpec.sequence("hist_cate_id", "cate_id", 2), FeatureSpec.numeric("price")));

    private static final Vocabularies VOCABULARIES = new Vocabularies(Map.of(
            "user_id", new Vocabulary(List.of("7"), new long[] {0, 0, 3}),
            "item_id", new Vocabulary(List.of("42", "43", "44"), new long[] {0, 1, 5, 4, 3}),
            "cate_id", new Vocabulary(List.of("drama", "comedy"), new long[] {0, 0, 6, 5})));

    private final InstanceEncoder encoder = new InstanceEncoder(SCHEMA, VOCABULARIES);

    @Test
    void encodesRawValuesWithTheModelsVocabularies() {
        EncodedDataset data = encoder.encode(List.of(
                Map.of("user_id", 7, "item_id", "43", "cate_id", "comedy",
                        "hist_item_id", List.of(44, "42", 999), "hist_cate_id", List.of("comedy", "drama", "drama"),
                        "price", 9.5),
                Map.of("user_id", "8", "item_id", 42.0, "cate_id", "western",
                        "hist_item_id", List.of(), "hist_cate_id", List.of(), "price", "3")));

        assertThat(data.size()).isEqualTo(2);
        assertThat(data.categorical().get("user_id")).containsExactly(2, Vocabulary.UNKNOWN);
        assertThat(data.categorical().get("item_id")).containsExactly(3, 2);
        assertThat(data.categorical().get("cate_id")).containsExactly(3, Vocabulary.UNKNOWN);
        SequenceColumn items = data.sequences().get("hist_item_id");
        assertThat(items.offsets()).containsExactly(0, 2, 2);
        assertThat(items.values()).as("the newest two; 999 unknown").containsExactly(2, Vocabulary.UNKNOWN);
        assertThat(data.sequences().get("hist_cate_id").values()).containsExactly(2, 2);
        assertThat(data.numeric().get("price")).containsExactly(9.5f, 3f);
        assertThat(data.labels()).containsExactly(0f, 0f);
        assertThat(data.groups()).containsExactly(0, 1);
    }

    @Test
    void requestsEncodedApartAndJoinedEqualThemEncodedTogether() {
        Map<String, Object> shortHistory = valid();
        shortHistory.put("hist_item_id", List.of("42"));
        shortHistory.put("hist_cate_id", List.of("drama"));
        Map<String, Object> otherUser = valid();
        otherUser.put("user_id", "9");
        otherUser.put("price", 4);
        List<Map<String, Object>> first = List.of(valid(), shortHistory);
        List<Map<String, Object>> second = List.of(otherUser, valid());

        EncodedDataset joined = EncodedDataset.concatenate(List.of(encoder.encode(first), encoder.encode(second)));
        EncodedDataset together = encoder.encode(List.of(valid(), shortHistory, otherUser, valid()));

        assertThat(joined.size()).isEqualTo(4);
        for (String feature : List.of("user_id", "item_id", "cate_id")) {
            assertThat(joined.categorical().get(feature)).as(feature)
                    .containsExactly(together.categorical().get(feature));
        }
        for (String feature : List.of("hist_item_id", "hist_cate_id")) {
            assertThat(joined.sequences().get(feature).offsets()).as(feature)
                    .containsExactly(together.sequences().get(feature).offsets());
            assertThat(joined.sequences().get(feature).values()).as(feature)
                    .containsExactly(together.sequences().get(feature).values());
        }
        assertThat(joined.numeric().get("price")).containsExactly(1f, 1f, 4f, 1f);
        assertThat(joined.groups()).as("a group never spans two requests").containsExactly(0, 0, 1, 2);
    }

    @Test
    void onlyRowsOfOneModelAreJoined() {
        InstanceEncoder otherModel = new InstanceEncoder(SCHEMA, new Vocabularies(Map.of(
                "user_id", new Vocabulary(List.of("7"), new long[] {0, 0, 3}),
                "item_id", new Vocabulary(List.of("42"), new long[] {0, 0, 1}),
                "cate_id", new Vocabulary(List.of("drama"), new long[] {0, 0, 1}))));
        assertThatThrownBy(() -> EncodedDataset.concatenate(List.of(encoder.encode(List.of(valid())),
                otherModel.encode(List.of(valid()))))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsAHistoryJoinedByTheSchemasDelimiter() {
        Map<String, Object> instance = valid();
        instance.put("hist_item_id", "42|43");
        instance.put("hist_cate_id", "drama|comedy");

        assertThat(encoder.encode(List.of(instance)).sequences().get("hist_item_id").values()).containsExactly(2, 3);
    }

    @Test
    void namesTheInstanceAndFeatureOfAMissingOrMistypedValue() {
        Map<String, Object> missing = valid();
        missing.remove("cate_id");
        Map<String, Object> notAList = valid();
        notAList.put("hist_item_id", Map.of("a", 1));
        Map<String, Object> notANumber = valid();
        notANumber.put("price", "cheap");
        Map<String, Object> unequal = valid();
        unequal.put("hist_cate_id", List.of("drama"));
        Map<String, Object> booleanId = valid();
        booleanId.put("item_id", true);

        assertThatThrownBy(() -> encoder.encode(List.of(valid(), missing))).isInstanceOf(InvalidInstanceException.class)
                .hasMessageStartingWith("instances[1].cate_id: missing");
        assertThatThrownBy(() -> encoder.encode(List.of(valid(), valid(), notANumber)))
                .asInstanceOf(InstanceOfAssertFactories.type(InvalidInstanceException.class))
                .satisfies(e -> {
                    assertThat(e.instance()).isEqualTo(2);
                    assertThat(e.feature()).isEqualTo("price");
                    assertThat(e.reason()).isEqualTo("not a number: 'cheap'");
                });
        assertThatThrownBy(() -> encoder.encode(List.of(notAList)))
                .hasMessage("instances[0].hist_item_id: expected a list of values, got an object");
        assertThatThrownBy(() -> encoder.encode(List.of(notANumber)))
                .hasMessage("instances[0].price: not a number: 'cheap'");
        assertThatThrownBy(() -> encoder.encode(List.of(unequal))).hasMessageStartingWith(
                "instances[0].hist_cate_id: has 1 values but 'hist_item_id' has 2");
        assertThatThrownBy(() -> encoder.encode(List.of(booleanId)))
                .hasMessage("instances[0].item_id: expected a string or a number, got a boolean");
    }

    private static Map<String, Object> valid() {
        Map<String, Object> instance = new HashMap<>();
        instance.put("user_id", "7");
        instance.put("item_id", "42");
        instance.put("cate_id", "drama");
        instance.put("hist_item_id", List.of("43", "44"));
        instance.put("hist_cate_id", List.of("comedy", "comedy"));
        instance.put("price", 1);
        return instance;
    }
}
