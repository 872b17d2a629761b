package io.dinplatform.api.dataset;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import io.dinplatform.api.MultipartForm;
import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.NewModelVersion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The items table of an upload: attached as the optional {@code items} part, registered with the version or not
 * at all, and read by id or by page, from the dataset version or from a model version trained on it.
 */
class DatasetItemsTest extends PlatformApiTest {

    /** The items of {@link SamplesCsv#rows}: i100 to i149, with a title, a category and a further column. */
    private static final String ITEMS = items(100, 150);

    @Autowired
    ModelRepository models;

    @Test
    void anUploadWithItemsServesThemByIdAndByPage() {
        String name = DatasetUploadTest.uniqueName();

        JsonNode version = uploadWithItems(name, ITEMS.getBytes(StandardCharsets.UTF_8)).getBody();

        assertThat(version.get("items").asInt()).isEqualTo(50);
        assertThat(version.get("origin").get("itemsFile").asString()).isEqualTo("items.csv");
        JsonNode byId = get(itemsOf(name, "1") + "?ids=i101,unknown,i100").getBody();
        assertThat(byId.get("total").asInt()).isEqualTo(50);
        assertThat(byId.get("items")).extracting(item -> item.get("id").asString()).containsExactly("i101", "i100");
        JsonNode first = byId.get("items").get(0);
        assertThat(first.get("title").asString()).isEqualTo("Film \"101\", the sequel");
        assertThat(first.get("category").asString()).isEqualTo("c1");
        assertThat(first.get("attributes").get("year").asString()).isEqualTo("1901");
        assertThat(byId.get("nextOffset").isNull()).isTrue();

        JsonNode page = get(itemsOf(name, "latest") + "?limit=20").getBody();
        assertThat(page.get("items")).hasSize(20);
        assertThat(page.get("items").get(0).get("id").asString()).as("the items file's order").isEqualTo("i100");
        assertThat(page.get("nextOffset").asLong()).isEqualTo(20);
        JsonNode last = get(itemsOf(name, "1") + "?offset=40&limit=20").getBody();
        assertThat(last.get("items")).extracting(item -> item.get("id").asString()).startsWith("i140")
                .endsWith("i149").hasSize(10);
        assertThat(last.get("nextOffset").isNull()).isTrue();
    }

    @Test
    void anUploadWithoutItemsHasAnEmptyTable() {
        String name = DatasetUploadTest.uniqueName();
        assertThat(upload(name, SamplesCsv.SCHEMA, SamplesCsv.bytes(SamplesCsv.rows(30, 7)), "s.csv")
                .getStatusCode().value()).isEqualTo(201);

        JsonNode items = get(itemsOf(name, "1") + "?ids=i100").getBody();

        assertThat(items.get("total").asInt()).isZero();
        assertThat(items.get("items")).isEmpty();
        assertThat(get("/api/v1/datasets/" + name + "/versions/1").getBody().get("items").asInt()).isZero();
    }

    @Test
    void aBadItemsFileIsA400NamingTheProblemAndRegistersNothing() {
        String name = DatasetUploadTest.uniqueName();
        long versionsBefore = count("dataset_versions");
        long itemsBefore = count("dataset_items");
        List<Path> artifactsBefore = artifactFiles();

        JsonNode repeated = assertProblem(uploadWithItems(name,
                "id,title\ni100,A\ni100,B\n".getBytes(StandardCharsets.UTF_8)), 400);
        JsonNode noTitle = assertProblem(uploadWithItems(name,
                "id,name\ni100,A\n".getBytes(StandardCharsets.UTF_8)), 400);
        JsonNode notText = assertProblem(uploadWithItems(name, new byte[] {'i', 'd', ',', 't', 'i', 't', 'l', 'e',
                '\n', 'i', '1', ',', (byte) 0xC3, '(', '\n'}), 400);

        assertThat(repeated.get("detail").asString()).startsWith("items: ").contains("item 'i100' is listed twice")
                .contains("nothing was registered");
        assertThat(repeated.get("errors").get(0).get("field").asString()).isEqualTo("items");
        assertThat(repeated.get("errors").get(0).get("reason").asString()).isEqualTo("row 2, column 'id': item "
                + "'i100' is listed twice");
        assertThat(noTitle.get("detail").asString()).contains("no column 'title'");
        assertThat(notText.get("detail").asString()).contains("UTF-8");
        assertThat(count("dataset_versions")).isEqualTo(versionsBefore);
        assertThat(count("dataset_items")).isEqualTo(itemsBefore);
        assertThat(artifactFiles()).isEqualTo(artifactsBefore);
        assertProblem(get(itemsOf(name, "1")), 404);
    }

    @Test
    void aLookupOfTooManyIdsOrAnOutOfRangePageIsA400() {
        String name = DatasetUploadTest.uniqueName();
        uploadWithItems(name, ITEMS.getBytes(StandardCharsets.UTF_8));
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i <= DatasetItems.MAX_IDS; i++) {
            ids.append(i == 0 ? "" : ",").append("i").append(i);
        }

        assertThat(assertProblem(get(itemsOf(name, "1") + "?ids=" + ids), 400).get("detail").asString())
                .contains("at most " + DatasetItems.MAX_IDS);
        assertProblem(get(itemsOf(name, "1") + "?limit=0"), 400);
        assertProblem(get(itemsOf(name, "1") + "?offset=-1"), 400);
        assertProblem(get(itemsOf(name, "2")), 404);
    }

    @Test
    void aModelVersionKnowsTheItemsOfTheDatasetItWasTrainedOn() {
        String dataset = DatasetUploadTest.uniqueName();
        uploadWithItems(dataset, ITEMS.getBytes(StandardCharsets.UTF_8));
        long datasetVersionId = jdbc.sql("SELECT v.id FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id "
                + "WHERE d.name = ?").param(dataset).query(Long.class).single();
        String model = "items-model-" + DatasetUploadTest.uniqueName();
        models.createNextVersion(new NewModelVersion(model, null, datasetVersionId, "b".repeat(64), null, null));
        models.createNextVersion(new NewModelVersion(model, null, null, "c".repeat(64), null, null));

        JsonNode items = get("/api/v1/models/" + model + "/versions/1/items?ids=i149").getBody();

        assertThat(items.get("name").asString()).isEqualTo(dataset);
        assertThat(items.get("version").asInt()).isEqualTo(1);
        assertThat(items.get("items").get(0).get("title").asString()).isEqualTo("Film \"149\", the sequel");
        assertThat(assertProblem(get("/api/v1/models/" + model + "/versions/latest/items"), 404).get("detail")
                .asString()).contains("names no dataset version");
    }

    private ResponseEntity<JsonNode> uploadWithItems(String name, byte[] items) {
        return postMultipart("/api/v1/datasets", new MultipartForm().field("name", name)
                .json("schema", SamplesCsv.SCHEMA)
                .file("file", SamplesCsv.bytes(SamplesCsv.rows(60, 0)), "s.csv")
                .file("items", items, "items.csv"));
    }

    private static String itemsOf(String name, String version) {
        return "/api/v1/datasets/" + name + "/versions/" + version + "/items";
    }

    private static String items(int from, int to) {
        StringBuilder csv = new StringBuilder("id,title,category,year\n");
        for (int i = from; i < to; i++) {
            csv.append('i').append(i).append(",\"Film \"\"").append(i).append("\"\", the sequel\",c").append(i % 4)
                    .append(',').append(1800 + i).append('\n');
        }
        return csv.toString();
    }
}
