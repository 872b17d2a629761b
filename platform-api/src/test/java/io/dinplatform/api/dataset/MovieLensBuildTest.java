package io.dinplatform.api.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.dinplatform.api.PlatformApiTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import io.dinplatform.api.MultipartForm;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * MovieLens 100K's raw files, uploaded exactly as distributed, built into a samples dataset with the paper's
 * RATING_THRESHOLD protocol through {@code POST /api/v1/datasets/builds}.
 */
class MovieLensBuildTest extends PlatformApiTest {

    private static Path movieLens;

    @BeforeAll
    static void requireMovieLens() {
        String shared = System.getProperty("din.shared.dir");
        movieLens = shared == null ? null : Path.of(shared, "data", "movielens-100k");
        boolean present = movieLens != null && Files.isRegularFile(movieLens.resolve("u.data"))
                && Files.isRegularFile(movieLens.resolve("u.item"));
        if (!present) {
            System.err.println("SKIPPED MovieLensBuildTest: MovieLens 100K not found at " + movieLens
                    + " (set -Ddin.shared.dir to the directory holding data/movielens-100k/u.data and u.item)");
        }
        assumeTrue(present, "MovieLens 100K is not available at " + movieLens + ": the build test does not run");
    }

    @Test
    void buildsMovieLens100kWithTheRatingThresholdProtocol() throws IOException {
        String name = "movielens-100k-" + DatasetUploadTest.uniqueName();

        ResponseEntity<JsonNode> response = postMultipart("/api/v1/datasets/builds",
                movieLensBuild(name, "RATING_THRESHOLD", Files.readAllBytes(movieLens.resolve("u.item"))));

        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(201);
        JsonNode version = response.getBody();
        assertThat(version.get("version").asInt()).isEqualTo(1);
        assertThat(version.get("rows").asLong()).as("one sample per rating").isEqualTo(100_000);
        JsonNode stats = version.get("stats");
        assertThat(stats.get("positives").asLong()).as("ratings of 4 and 5").isEqualTo(55_375);
        assertThat(stats.get("distinctGroups").asLong()).as("users").isEqualTo(943);
        assertThat(stats.get("distinctValues").get("item_id").asLong()).as("movies").isEqualTo(1_682);
        assertThat(stats.get("distinctValues").get("cate_id").asLong()).as("genres").isBetween(2L, 19L);
        assertThat(stats.get("historyLength").get("maxLength").asInt()).isEqualTo(50);
        assertThat(stats.get("splitSizes").get("train").asLong()).isGreaterThan(stats.get("splitSizes").get("test")
                .asLong());
        assertThat(version.get("origin").get("kind").asString()).isEqualTo("build");
        assertThat(version.get("origin").get("options").get("protocol").asString()).isEqualTo("RATING_THRESHOLD");
        assertThat(version.get("schema").get("features")).hasSize(5);
        assertThat(version.get("items").asInt()).as("u.item's movies, each with its title").isEqualTo(1_682);
        JsonNode items = get("/api/v1/datasets/" + name + "/versions/1/items?ids=50,1").getBody().get("items");
        assertThat(items).extracting(item -> item.get("title").asString())
                .containsExactly("Star Wars (1977)", "Toy Story (1995)");
        assertThat(items.get(1).get("category").asString()).isEqualTo("Animation");
        assertThat(items.get(1).get("attributes").get("genres").asString()).isEqualTo("Animation|Children's|Comedy");

        System.out.printf("MovieLens 100K build: %d rows, positive rate %.4f, history p50 %d, p90 %d%n",
                stats.get("rows").asLong(), stats.get("positiveRate").asDouble(),
                stats.get("historyLength").get("p50").asInt(), stats.get("historyLength").get("p90").asInt());
    }

    @Test
    void aBuildWhoseItemsFileLacksAnItemIsRefusedAndStoresNothing() throws IOException {
        String name = "movielens-broken-" + DatasetUploadTest.uniqueName();
        byte[] fewItems = Files.readAllLines(movieLens.resolve("u.item"), java.nio.charset.StandardCharsets.ISO_8859_1)
                .stream().limit(100).reduce("", (a, b) -> a + b + "\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        long versionsBefore = count("dataset_versions");
        var artifactsBefore = artifactFiles();

        JsonNode problem = assertProblem(postMultipart("/api/v1/datasets/builds",
                movieLensBuild(name, "RATING_THRESHOLD", fewItems)), 422);

        assertThat(problem.get("errors").get(0).get("row").asLong()).isPositive();
        assertThat(count("dataset_versions")).isEqualTo(versionsBefore);
        assertThat(artifactFiles()).isEqualTo(artifactsBefore);
    }

    @Test
    void anUnknownProtocolIsRefused() throws IOException {
        JsonNode problem = assertProblem(postMultipart("/api/v1/datasets/builds",
                movieLensBuild("movielens-x", "CLICKS_ONLY", Files.readAllBytes(movieLens.resolve("u.item")))), 400);

        assertThat(problem.get("detail").asString()).contains("protocol");
    }

    private MultipartForm movieLensBuild(String name, String protocol, byte[] items) throws IOException {
        return new MultipartForm().field("name", name).field("protocol", protocol).field("format", "MOVIELENS")
                .file("interactions", Files.readAllBytes(movieLens.resolve("u.data")), "u.data")
                .file("items", items, "u.item");
    }
}
