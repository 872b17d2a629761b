package io.dinplatform.api.dataset;

import java.util.List;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.SamplesCsv;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.dinplatform.api.SamplesCsv.SCHEMA;
import static io.dinplatform.api.dataset.DatasetUploadTest.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

/** The users of a dataset version and each user's latest row, read from the stored samples file. */
class DatasetUsersTest extends PlatformApiTest {

    /** A history longer than maxLength (3), and a numeric feature that one row leaves empty. */
    private static final String LONG_HISTORY_SCHEMA = """
            {"label": "label", "group": "user_id",
             "features": [{"name": "user_id", "kind": "CATEGORICAL"}, {"name": "price", "kind": "NUMERIC"},
                          {"name": "item_id", "kind": "CATEGORICAL"},
                          {"name": "hist_item_id", "kind": "SEQUENCE", "target": "item_id", "maxLength": 3}]}
            """;

    private static final String LONG_HISTORY_CSV = """
            user_id,item_id,hist_item_id,price,label,comment
            alice,i9,i1|i2,2.5,1,first
            bob,i8,,,0,no history
            alice,i7,i1|i2|i3|i4|i5,,0,"newest, longest"
            """;

    @Test
    void theUsersAreListedInFileOrderWithTheirRowCounts() {
        String name = registered(SamplesCsv.rows(40, 0));

        JsonNode sample = get("/api/v1/datasets/" + name + "/versions/1/users").getBody();

        assertThat(sample.get("name").asString()).isEqualTo(name);
        assertThat(sample.get("version").asInt()).isEqualTo(1);
        assertThat(sample.get("groupColumn").asString()).isEqualTo("user_id");
        assertThat(userIds(sample)).containsExactly("u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9");
        assertThat(sample.get("users")).allSatisfy(user -> assertThat(user.get("rows").asLong()).isEqualTo(4));
        assertThat(sample.get("truncated").asBoolean()).isFalse();
    }

    @Test
    void aLimitKeepsTheFirstUsersAndSaysThatThereAreMore() {
        String name = registered(SamplesCsv.rows(40, 0));

        JsonNode sample = get("/api/v1/datasets/" + name + "/versions/latest/users?limit=3").getBody();

        assertThat(userIds(sample)).containsExactly("u0", "u1", "u2");
        assertThat(sample.get("users").get(2).get("rows").asLong()).as("counted over the whole file").isEqualTo(4);
        assertThat(sample.get("truncated").asBoolean()).isTrue();
    }

    @Test
    void aUserIsTheirLatestRowWithEveryFeatureAsInTheFile() {
        String name = registered(SamplesCsv.rows(40, 0));

        // u3's rows are 4, 14, 24 and 34; SamplesCsv writes row 34 (r = 33) as u3,i131,c1,i132|i133,c2|c3,1.
        JsonNode user = get("/api/v1/datasets/" + name + "/versions/1/users/u3").getBody();

        assertThat(user.get("userId").asString()).isEqualTo("u3");
        assertThat(user.get("groupColumn").asString()).isEqualTo("user_id");
        assertThat(user.get("rows").asLong()).isEqualTo(4);
        assertThat(user.get("row").asLong()).isEqualTo(34);
        assertThat(user.get("label").asInt()).isEqualTo(1);
        assertThat(user.get("historyLength").asInt()).isEqualTo(2);
        JsonNode features = user.get("features");
        assertThat(features.propertyNames()).containsExactly("user_id", "item_id", "cate_id", "hist_item_id",
                "hist_cate_id");
        assertThat(features.get("user_id").asString()).isEqualTo("u3");
        assertThat(features.get("item_id").asString()).isEqualTo("i131");
        assertThat(features.get("cate_id").asString()).isEqualTo("c1");
        assertThat(strings(features.get("hist_item_id"))).containsExactly("i132", "i133");
        assertThat(strings(features.get("hist_cate_id"))).containsExactly("c2", "c3");
    }

    @Test
    void aHistoryIsCutToTheNewestItemsAModelSeesAndAMissingNumberIsNull() {
        String name = uniqueName();
        assertThat(upload(name, LONG_HISTORY_SCHEMA, SamplesCsv.gzip(LONG_HISTORY_CSV), "s.csv.gz")
                .getStatusCode().value()).isEqualTo(201);

        JsonNode alice = get("/api/v1/datasets/" + name + "/versions/1/users/alice").getBody();
        JsonNode bob = get("/api/v1/datasets/" + name + "/versions/1/users/bob").getBody();

        assertThat(alice.get("rows").asLong()).isEqualTo(2);
        assertThat(alice.get("row").asLong()).isEqualTo(3);
        assertThat(alice.get("historyLength").asInt()).isEqualTo(5);
        assertThat(alice.get("features").propertyNames()).containsExactly("user_id", "price", "item_id",
                "hist_item_id");
        assertThat(strings(alice.get("features").get("hist_item_id"))).containsExactly("i3", "i4", "i5");
        assertThat(alice.get("features").get("price").isNull()).isTrue();
        assertThat(bob.get("features").get("hist_item_id")).isEmpty();
        assertThat(bob.get("historyLength").asInt()).isZero();
        JsonNode first = get("/api/v1/datasets/" + name + "/versions/1/users?limit=1").getBody();
        assertThat(first.get("users").get(0).get("userId").asString()).isEqualTo("alice");
        assertThat(first.get("users").get(0).get("rows").asLong()).isEqualTo(2);
    }

    @Test
    void anUnknownDatasetVersionOrUserIsNotFound() {
        String name = registered(SamplesCsv.rows(20, 0));

        assertProblem(get("/api/v1/datasets/" + uniqueName() + "/versions/1/users"), 404);
        assertProblem(get("/api/v1/datasets/" + uniqueName() + "/versions/latest/users/u1"), 404);
        JsonNode noVersion = assertProblem(get("/api/v1/datasets/" + name + "/versions/2/users"), 404);
        assertThat(noVersion.get("detail").asString()).contains("has no version 2");
        JsonNode noUser = assertProblem(get("/api/v1/datasets/" + name + "/versions/1/users/u77"), 404);
        assertThat(noUser.get("detail").asString()).contains("no user 'u77'").contains("user_id");
    }

    @Test
    void aLimitOutOfRangeOrAMalformedVersionIsABadRequest() {
        String name = registered(SamplesCsv.rows(20, 0));

        for (String limit : List.of("0", "501", "many")) {
            JsonNode problem = assertProblem(get("/api/v1/datasets/" + name + "/versions/1/users?limit=" + limit),
                    400);
            assertThat(problem.get("detail").asString()).contains("limit");
        }
        assertProblem(get("/api/v1/datasets/" + name + "/versions/two/users"), 400);
    }

    private String registered(String csv) {
        String name = uniqueName();
        assertThat(upload(name, SCHEMA, SamplesCsv.bytes(csv), "samples.csv").getStatusCode().value())
                .isEqualTo(201);
        return name;
    }

    private static List<String> userIds(JsonNode sample) {
        return sample.get("users").valueStream().map(user -> user.get("userId").asString()).toList();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
