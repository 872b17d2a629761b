package io.dinplatform.core.data.encode;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowEncoderTest {

    private static final FeatureSchema SCHEMA = new FeatureSchema("label", "user_id", null, null, List.of(
            FeatureSpec.categorical("user_id"), FeatureSpec.categorical("item_id"),
            FeatureSpec.sequence("hist_item_id", "item_id", 2), FeatureSpec.numeric("price")));

    private static final Vocabularies VOCABULARIES = new Vocabularies(Map.of(
            "user_id", new Vocabulary(List.of("7", "8"), new long[] {0, 0, 3, 2}),
            "item_id", new Vocabulary(List.of("42", "43", "44"), new long[] {0, 1, 5, 4, 3})));

    private final InstanceEncoder encoder = new InstanceEncoder(SCHEMA, VOCABULARIES);

    /** Values as a streaming parser hands them over: in the body's order, lists item by item. */
    @Test
    void valuesHandedOverOneByOneEncodeAsTheSameInstancesAsMaps() {
        RowEncoder rows = encoder.rows(1);
        rows.beginInstance();
        rows.beginSequence(rows.slot("hist_item_id"));
        for (Object item : List.of(44, "42", "999")) {
            rows.item(item);
        }
        rows.endSequence();
        rows.value(rows.slot("price"), 2.5);
        rows.value(rows.slot("not a feature"), RowEncoder.OBJECT);
        rows.value(rows.slot("item_id"), 43.0);
        rows.value(rows.slot("user_id"), "8");
        rows.endInstance();
        rows.beginInstance();
        rows.value(rows.slot("user_id"), 7);
        rows.value(rows.slot("item_id"), "nobody");
        rows.value(rows.slot("hist_item_id"), "43|44");
        rows.value(rows.slot("price"), "1");
        rows.endInstance();
        EncodedDataset streamed = rows.build();

        EncodedDataset mapped = encoder.encode(List.of(
                Map.of("user_id", "8", "item_id", 43, "hist_item_id", List.of("44", "42", "999"), "price", 2.5),
                Map.of("user_id", "7", "item_id", "nobody", "hist_item_id", List.of("43", "44"), "price", 1)));

        assertThat(streamed.categorical().get("user_id")).containsExactly(mapped.categorical().get("user_id"));
        assertThat(streamed.categorical().get("item_id")).containsExactly(3, Vocabulary.UNKNOWN)
                .containsExactly(mapped.categorical().get("item_id"));
        assertThat(streamed.sequences().get("hist_item_id").offsets()).containsExactly(0, 2, 4);
        assertThat(streamed.sequences().get("hist_item_id").values()).as("the newest two of each")
                .containsExactly(mapped.sequences().get("hist_item_id").values());
        assertThat(streamed.numeric().get("price")).containsExactly(2.5f, 1f);
        assertThat(streamed.groups()).containsExactly(0, 1);
    }

    @Test
    void aValueGivenTwiceKeepsTheLastAndAHistoryItsLastItems() {
        RowEncoder rows = encoder.rows(1);
        rows.beginInstance();
        rows.value(rows.slot("user_id"), RowEncoder.LIST);
        rows.value(rows.slot("user_id"), "7");
        rows.beginSequence(rows.slot("hist_item_id"));
        rows.item(null);
        rows.endSequence();
        rows.beginSequence(rows.slot("hist_item_id"));
        rows.item("42");
        rows.endSequence();
        rows.value(rows.slot("item_id"), "44");
        rows.value(rows.slot("price"), 3);
        rows.endInstance();

        EncodedDataset data = rows.build();
        assertThat(data.categorical().get("user_id")).containsExactly(2);
        assertThat(data.sequences().get("hist_item_id").values()).containsExactly(2);
    }

    /**
     * The column-by-column encoder meets a categorical problem of a later instance before a history or numeric
     * problem of an earlier one; the row encoder reports the same one, whatever order the values came in.
     */
    @Test
    void reportsTheProblemTheColumnByColumnEncoderMeetsFirst() {
        Map<String, Object> badHistory = valid();
        badHistory.put("hist_item_id", List.of("42", true));
        Map<String, Object> badPrice = valid();
        badPrice.put("price", "cheap");
        Map<String, Object> missingItem = valid();
        missingItem.remove("item_id");
        Map<String, Object> listUser = valid();
        listUser.put("user_id", List.of("7"));

        assertThatThrownBy(() -> encoder.encode(List.of(badHistory, badPrice, missingItem, listUser)))
                .hasMessage("instances[3].user_id: expected a string or a number, got a list");
        assertThatThrownBy(() -> encoder.encode(List.of(badPrice, badHistory, missingItem)))
                .hasMessageStartingWith("instances[2].item_id: missing");
        assertThatThrownBy(() -> encoder.encode(List.of(badPrice, badHistory)))
                .hasMessage("instances[1].hist_item_id: expected a string or a number, got a boolean");
        assertThatThrownBy(() -> encoder.encode(List.of(valid(), badPrice, badPrice)))
                .hasMessage("instances[1].price: not a number: 'cheap'");
    }

    private static Map<String, Object> valid() {
        Map<String, Object> instance = new HashMap<>();
        instance.put("user_id", "7");
        instance.put("item_id", "42");
        instance.put("hist_item_id", List.of("43", "44"));
        instance.put("price", 1);
        return instance;
    }
}
