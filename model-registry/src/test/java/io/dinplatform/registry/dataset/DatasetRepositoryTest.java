package io.dinplatform.registry.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dinplatform.registry.EmbeddedCatalogTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetRepositoryTest extends EmbeddedCatalogTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Autowired
    DatasetRepository datasets;

    @Test
    void versionsAreNumberedFromOneAndKeepTheirContent() {
        String name = uniqueName();
        DatasetVersion first = datasets.createNextVersion(newVersion(name, sha('a'), 10));
        DatasetVersion second = datasets.createNextVersion(newVersion(name, sha('b'), 20));

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(datasets.findVersion(name, 1)).contains(first);
        assertThat(datasets.findLatestVersion(name)).contains(second);
        assertThat(second.schema().get("label").asString()).isEqualTo("label");
        assertThat(second.statistics().get("rows").asLong()).isEqualTo(20);
        assertThat(datasets.findVersions(name)).extracting(DatasetVersion::version).containsExactly(1, 2);
        assertThat(datasets.findAll()).filteredOn(s -> s.name().equals(name)).singleElement()
                .satisfies(summary -> {
                    assertThat(summary.latestVersion()).isEqualTo(2);
                    assertThat(summary.versions()).isEqualTo(2);
                });
        assertThat(datasets.findVersion(name, 3)).isEmpty();
        assertThat(datasets.findLatestVersion(uniqueName())).isEmpty();
    }

    @Test
    void concurrentRegistrationsUnderOneNameGetConsecutiveNumbers() throws Exception {
        String name = uniqueName();
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<DatasetVersion>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                char digit = Character.forDigit(i, 16);
                Callable<DatasetVersion> register = () -> {
                    start.await();
                    return datasets.createNextVersion(newVersion(name, sha(digit), 1));
                };
                results.add(pool.submit(register));
            }
            start.countDown();
            List<Integer> numbers = new ArrayList<>();
            for (Future<DatasetVersion> result : results) {
                numbers.add(result.get().version());
            }
            assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void knowsWhetherAnArtifactIsStillReferenced() {
        String sha = UUID.randomUUID().toString().replace("-", "").repeat(2);
        assertThat(datasets.isArtifactReferenced(sha)).isFalse();
        datasets.createNextVersion(newVersion(uniqueName(), sha, 1));
        assertThat(datasets.isArtifactReferenced(sha)).isTrue();
    }

    @Test
    void aVersionRegisteredByReferenceKeepsItsObjectsInOrder() {
        List<DatasetObject> objects = List.of(new DatasetObject("s3://data/logs/part-1.csv", sha('1'), 10),
                new DatasetObject("s3://data/logs/part-0.csv", sha('0'), 20));
        NewDatasetVersion referenced = new NewDatasetVersion(uniqueName(), DatasetObject.listingSha256(objects), 30, 2,
                JSON.readTree("{\"label\":\"label\",\"features\":[{\"name\":\"u\",\"kind\":\"CATEGORICAL\"}]}"),
                JSON.readTree("{\"rows\":2}"), JSON.readTree("{\"kind\":\"reference\"}"), null, objects);

        DatasetVersion version = datasets.createNextVersion(referenced);

        assertThat(version.referenced()).isTrue();
        assertThat(datasets.findObjects(version.id())).containsExactlyElementsOf(objects);
        DatasetVersion stored = datasets.createNextVersion(newVersion(uniqueName(), sha('c'), 1));
        assertThat(stored.referenced()).isFalse();
        assertThat(datasets.findObjects(stored.id())).isEmpty();
    }

    @Test
    void theListingOfObjectsIdentifiesTheirContentAndOrder() {
        DatasetObject a = new DatasetObject("local:a.csv", sha('a'), 1);
        DatasetObject b = new DatasetObject("local:b.csv", sha('b'), 1);
        DatasetObject changedA = new DatasetObject("local:a.csv", sha('d'), 1);

        assertThat(DatasetObject.listingSha256(List.of(a, b))).isEqualTo(DatasetObject.listingSha256(List.of(a, b)))
                .isNotEqualTo(DatasetObject.listingSha256(List.of(b, a)))
                .isNotEqualTo(DatasetObject.listingSha256(List.of(changedA, b)));
    }

    static NewDatasetVersion newVersion(String name, String sha256, long rows) {
        return new NewDatasetVersion(name, sha256, 100, rows,
                JSON.readTree("{\"label\":\"label\",\"features\":[{\"name\":\"user_id\",\"kind\":\"CATEGORICAL\"}]}"),
                JSON.readTree("{\"rows\":" + rows + "}"), JSON.readTree("{\"kind\":\"upload\"}"),
                sha256.substring(0, 2) + "/" + sha256.substring(2));
    }

    static String uniqueName() {
        return "ds-" + UUID.randomUUID();
    }

    private static String sha(char digit) {
        return String.valueOf(digit).repeat(64);
    }
}
