package io.dinplatform.registry.dataset;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.dinplatform.registry.database.CatalogColumns.json;
import static io.dinplatform.registry.database.CatalogColumns.jsonb;

/**
 * The items tables of dataset versions. {@link DatasetRepository#createNextVersion} writes a version's items in the
 * transaction that registers it; this class reads them, by id or a page at a time in the items file's order.
 */
public class DatasetItemRepository {

    /** Rows per INSERT statement: six parameters each, far below PostgreSQL's 65,535 parameters a statement. */
    static final int ROWS_PER_STATEMENT = 1000;

    private final JdbcClient jdbc;

    public DatasetItemRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The items among {@code ids} that the version has, in the order of {@code ids}; unknown ids are left out. */
    public List<DatasetItem> find(long versionId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String[] wanted = ids.toArray(String[]::new);
        return jdbc.sql("""
                        SELECT i.item_id, i.title, i.category, i.attributes
                        FROM unnest(?::text[]) WITH ORDINALITY AS wanted (item_id, place)
                        JOIN dataset_items i ON i.dataset_version_id = ? AND i.item_id = wanted.item_id
                        ORDER BY wanted.place
                        """)
                .params(wanted, versionId).query(DatasetItemRepository::item).list();
    }

    /** At most {@code limit} items from the {@code offset}-th on, in the items file's order. */
    public List<DatasetItem> page(long versionId, long offset, int limit) {
        return jdbc.sql("""
                        SELECT item_id, title, category, attributes FROM dataset_items
                        WHERE dataset_version_id = ? AND position >= ? ORDER BY position LIMIT ?
                        """)
                .params(versionId, offset, limit).query(DatasetItemRepository::item).list();
    }

    /** Writes a version's items in order; the caller's transaction makes them part of the version's registration. */
    void insert(long versionId, List<DatasetItem> items) {
        for (int from = 0; from < items.size(); from += ROWS_PER_STATEMENT) {
            insert(versionId, from, items.subList(from, Math.min(items.size(), from + ROWS_PER_STATEMENT)));
        }
    }

    private void insert(long versionId, int firstPosition, List<DatasetItem> rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO dataset_items (dataset_version_id, position, item_id, "
                + "title, category, attributes) VALUES ");
        List<Object> parameters = new ArrayList<>(rows.size() * 6);
        for (int i = 0; i < rows.size(); i++) {
            DatasetItem item = rows.get(i);
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?::jsonb)");
            parameters.add(versionId);
            parameters.add(firstPosition + i);
            parameters.add(item.id());
            parameters.add(item.title());
            parameters.add(item.category());
            parameters.add(jsonb(item.attributes()));
        }
        jdbc.sql(sql.toString()).params(parameters).update();
    }

    private static DatasetItem item(ResultSet row, int rowNumber) throws SQLException {
        return new DatasetItem(row.getString("item_id"), row.getString("title"), row.getString("category"),
                json(row, "attributes"));
    }
}
