package io.dinplatform.registry.dataset;

import java.util.ArrayList;
import java.util.List;

import io.dinplatform.registry.EmbeddedCatalogTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetItemRepositoryTest extends EmbeddedCatalogTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Autowired
    DatasetRepository datasets;

    @Autowired
    DatasetItemRepository items;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aVersionIsRegisteredWithItsItemsWhichAreFoundByIdInTheOrderAsked() {
        List<DatasetItem> table = List.of(item("1", "Toy Story (1995)", "Animation"), item("2", "GoldenEye (1995)", null),
                new DatasetItem("3", null, "Thriller", JSON.readTree("{\"year\":\"1995\"}")));

        DatasetVersion version = datasets.createNextVersion(DatasetRepositoryTest.newVersion(
                DatasetRepositoryTest.uniqueName(), "e".repeat(64), 3).withItems(table));

        assertThat(version.items()).isEqualTo(3);
        assertThat(datasets.findVersion(version.name(), 1)).hasValueSatisfying(v -> assertThat(v.items()).isEqualTo(3));
        assertThat(items.find(version.id(), List.of("3", "404", "1"))).containsExactly(table.get(2), table.get(0));
        assertThat(items.find(version.id(), List.of())).isEmpty();
    }

    @Test
    void pagesFollowTheItemsFileAcrossStatementBatches() {
        List<DatasetItem> table = new ArrayList<>();
        for (int i = 0; i < DatasetItemRepository.ROWS_PER_STATEMENT + 5; i++) {
            table.add(item("m" + (DatasetItemRepository.ROWS_PER_STATEMENT + 5 - i), "title " + i, "c"));
        }

        DatasetVersion version = datasets.createNextVersion(DatasetRepositoryTest.newVersion(
                DatasetRepositoryTest.uniqueName(), "f".repeat(64), 3).withItems(table));

        assertThat(items.page(version.id(), 0, 3)).containsExactlyElementsOf(table.subList(0, 3));
        assertThat(items.page(version.id(), DatasetItemRepository.ROWS_PER_STATEMENT, 100))
                .containsExactlyElementsOf(table.subList(DatasetItemRepository.ROWS_PER_STATEMENT, table.size()));
        assertThat(items.page(version.id(), table.size(), 10)).isEmpty();
    }

    @Test
    void aVersionWhoseItemsTheCatalogRefusesIsNotRegistered() {
        String name = DatasetRepositoryTest.uniqueName();
        List<DatasetItem> repeated = List.of(item("1", "a", null), item("1", "b", null));

        assertThatThrownBy(() -> datasets.createNextVersion(DatasetRepositoryTest.newVersion(name, "a".repeat(64), 1)
                .withItems(repeated))).isInstanceOf(DataAccessException.class);

        assertThat(datasets.findVersions(name)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM datasets WHERE name = ?").param(name).query(Long.class).single())
                .isZero();
    }

    private static DatasetItem item(String id, String title, String category) {
        return new DatasetItem(id, title, category, JSON.createObjectNode());
    }
}
