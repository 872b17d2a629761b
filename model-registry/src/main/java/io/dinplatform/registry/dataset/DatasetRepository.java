package io.dinplatform.registry.dataset;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.dinplatform.registry.database.CatalogColumns;

import static io.dinplatform.registry.database.CatalogColumns.instant;
import static io.dinplatform.registry.database.CatalogColumns.json;
import static io.dinplatform.registry.database.CatalogColumns.jsonb;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** Datasets and their immutable, numbered versions. */
public class DatasetRepository {

    private static final String VERSION_COLUMNS = """
            SELECT v.id, d.name, v.version, v.sha256, v.size_bytes, v.rows, v.schema, v.statistics, v.origin,
                   v.storage_key, v.items, v.created_at
            FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id
            """;

    private final JdbcClient jdbc;
    private final DatasetItemRepository items;

    public DatasetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.items = new DatasetItemRepository(jdbc);
    }

    /**
     * Registers the next version of the named dataset, creating the dataset on its first version.
     *
     * <p>Numbering is safe under concurrency: the dataset's row is locked ({@code FOR UPDATE}) for the rest of the
     * transaction, so concurrent registrations under one name queue up and get consecutive numbers, while
     * registrations under other names proceed in parallel. Creating the row with {@code ON CONFLICT DO NOTHING}
     * makes two first uploads of a new name wait for each other instead of failing.
     *
     * <p>The version's items table is written in the same transaction: a version is registered with all its items
     * or not at all.
     */
    @Transactional
    public DatasetVersion createNextVersion(NewDatasetVersion version) {
        jdbc.sql("INSERT INTO datasets (name) VALUES (?) ON CONFLICT (name) DO NOTHING")
                .param(version.name()).update();
        long datasetId = jdbc.sql("SELECT id FROM datasets WHERE name = ? FOR UPDATE")
                .param(version.name()).query(Long.class).single();
        int number = jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM dataset_versions WHERE dataset_id = ?")
                .param(datasetId).query(Integer.class).single();
        long id = jdbc.sql("""
                        INSERT INTO dataset_versions (dataset_id, version, sha256, size_bytes, rows, schema, statistics,
                                                      origin, storage_key, items)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?)
                        RETURNING id
                        """)
                .params(datasetId, number, version.sha256(), version.sizeBytes(), version.rows(),
                        jsonb(version.schema()), jsonb(version.statistics()),
                        jsonb(version.origin() == null ? CatalogColumns.emptyObject() : version.origin()),
                        version.storageKey(), version.items().size())
                .query(Long.class).single();
        items.insert(id, version.items());
        for (int position = 0; position < version.objects().size(); position++) {
            DatasetObject object = version.objects().get(position);
            jdbc.sql("""
                            INSERT INTO dataset_version_objects (dataset_version_id, position, location, sha256,
                                                                 size_bytes)
                            VALUES (?, ?, ?, ?, ?)
                            """)
                    .params(id, position, object.location(), object.sha256(), object.sizeBytes()).update();
        }
        return findById(id).orElseThrow();
    }

    /** The objects of a version registered by reference, in reading order; empty for a stored version. */
    public List<DatasetObject> findObjects(long versionId) {
        return jdbc.sql("""
                        SELECT location, sha256, size_bytes FROM dataset_version_objects
                        WHERE dataset_version_id = ? ORDER BY position
                        """)
                .param(versionId)
                .query((row, n) -> new DatasetObject(row.getString("location"), row.getString("sha256"),
                        row.getLong("size_bytes")))
                .list();
    }

    public Optional<DatasetVersion> findById(long id) {
        return jdbc.sql(VERSION_COLUMNS + " WHERE v.id = ?").param(id).query(DatasetRepository::version).optional();
    }

    public Optional<DatasetVersion> findVersion(String name, int version) {
        return jdbc.sql(VERSION_COLUMNS + " WHERE d.name = ? AND v.version = ?")
                .params(name, version).query(DatasetRepository::version).optional();
    }

    public Optional<DatasetVersion> findLatestVersion(String name) {
        return jdbc.sql(VERSION_COLUMNS + " WHERE d.name = ? ORDER BY v.version DESC LIMIT 1")
                .param(name).query(DatasetRepository::version).optional();
    }

    /** Every version of one dataset, oldest first; empty when the dataset does not exist. */
    public List<DatasetVersion> findVersions(String name) {
        return jdbc.sql(VERSION_COLUMNS + " WHERE d.name = ? ORDER BY v.version")
                .param(name).query(DatasetRepository::version).list();
    }

    /** Every dataset with its newest version, by name. */
    public List<DatasetSummary> findAll() {
        return jdbc.sql("""
                        SELECT v.id, d.name, v.version, v.sha256, v.size_bytes, v.rows, v.schema, v.statistics,
                               v.origin, v.storage_key, v.items, v.created_at, d.created_at AS dataset_created_at,
                               counts.versions
                        FROM datasets d
                        JOIN LATERAL (SELECT * FROM dataset_versions WHERE dataset_id = d.id
                                      ORDER BY version DESC LIMIT 1) v ON true
                        JOIN LATERAL (SELECT COUNT(*) AS versions FROM dataset_versions
                                      WHERE dataset_id = d.id) counts ON true
                        ORDER BY d.name
                        """)
                .query((row, n) -> {
                    DatasetVersion latest = version(row, n);
                    return new DatasetSummary(latest.name(), latest.version(), row.getInt("versions"), latest,
                            instant(row, "dataset_created_at"));
                })
                .list();
    }

    /** Whether any version's content is this artifact (so that a rollback must not delete it). */
    public boolean isArtifactReferenced(String sha256) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM dataset_versions WHERE sha256 = ?)")
                .param(sha256).query(Boolean.class).single();
    }

    public long countVersions() {
        return jdbc.sql("SELECT COUNT(*) FROM dataset_versions").query(Long.class).single();
    }

    private static DatasetVersion version(ResultSet row, int rowNumber) throws SQLException {
        return new DatasetVersion(row.getLong("id"), row.getString("name"), row.getInt("version"),
                row.getString("sha256"), row.getLong("size_bytes"), row.getLong("rows"),
                json(row, "schema"), json(row, "statistics"), json(row, "origin"),
                row.getString("storage_key"), row.getInt("items"), instant(row, "created_at"));
    }
}
