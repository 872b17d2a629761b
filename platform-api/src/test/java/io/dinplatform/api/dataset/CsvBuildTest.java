package io.dinplatform.api.dataset;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.dinplatform.api.MultipartForm;
import io.dinplatform.api.PlatformApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import static io.dinplatform.api.dataset.DatasetUploadTest.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A build from CSV files whose categories hold separators, as real catalogues do (Amazon's
 * {@code Bags, Cases & Sleeves}): the build succeeds, and the stored file holds each category as a sequence value
 * (docs/architecture.md, 'The samples format and the schema').
 */
class CsvBuildTest extends PlatformApiTest {

    private static final String ITEMS = """
            item,category,title,brand
            B01,"Bags, Cases & Sleeves","Sleeve, 13 inch",Acme
            B02,Cables; Adapters,USB-C cable,
            B03,Cameras,,
            B04,"Bags, Cases & Sleeves",Backpack,Acme
            """;
    /** u1 touches B01, B02, B03: the negative of its last sample can only be B04. */
    private static final String INTERACTIONS = """
            user,item,timestamp
            u1,B01,1
            u1,B02,2
            u1,B03,3
            u2,B04,1
            u2,B01,2
            u2,B02,3
            """;

    @Test
    void buildsACatalogueWhoseCategoriesHoldSeparators() {
        String name = uniqueName();

        ResponseEntity<JsonNode> response = build(name);

        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(201);
        assertThat(response.getBody().get("rows").asLong()).as("two positives and two negatives a user")
                .isEqualTo(8);
        assertThat(response.getBody().get("stats").get("distinctValues").get("cate_id").asLong()).isEqualTo(3);
        JsonNode features = get("/api/v1/datasets/" + name + "/versions/1/users/u1").getBody().get("features");
        assertThat(features.get("item_id").asString()).isEqualTo("B04");
        assertThat(features.get("cate_id").asString()).isEqualTo("Bags%2C Cases & Sleeves");
        assertThat(strings(features.get("hist_cate_id"))).containsExactly("Bags%2C Cases & Sleeves",
                "Cables%3B Adapters");
    }

    @Test
    void aNextItemBuildKeepsTheTitlesOfItsItemsFile() {
        String name = uniqueName();

        ResponseEntity<JsonNode> response = build(name);

        assertThat(response.getBody().get("items").asInt()).isEqualTo(4);
        JsonNode items = get("/api/v1/datasets/" + name + "/versions/1/items").getBody().get("items");
        assertThat(items).extracting(item -> item.get("id").asString()).containsExactly("B01", "B02", "B03", "B04");
        assertThat(items.get(0).get("title").asString()).isEqualTo("Sleeve, 13 inch");
        assertThat(items.get(0).get("category").asString()).as("as the samples hold it")
                .isEqualTo("Bags%2C Cases & Sleeves");
        assertThat(items.get(0).get("attributes").get("brand").asString()).isEqualTo("Acme");
        assertThat(items.get(2).get("title").isNull()).as("an item the file gives no title").isTrue();
    }

    private ResponseEntity<JsonNode> build(String name) {
        return postMultipart("/api/v1/datasets/builds", new MultipartForm()
                .field("name", name).field("protocol", "NEXT_ITEM").field("format", "CSV")
                .file("interactions", INTERACTIONS.getBytes(StandardCharsets.UTF_8), "interactions.csv")
                .file("items", ITEMS.getBytes(StandardCharsets.UTF_8), "items.csv"));
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
