package io.dinplatform.registry.model;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.dinplatform.registry.database.CatalogColumns;
import io.dinplatform.registry.dataset.DatasetVersionRef;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

import static io.dinplatform.registry.database.CatalogColumns.instant;
import static io.dinplatform.registry.database.CatalogColumns.json;
import static io.dinplatform.registry.database.CatalogColumns.jsonb;

/**
 * Registered models, their numbered versions and their movable aliases. Every change to which version a model's
 * selectors resolve to is announced ({@link ModelChangeAnnouncer}) in the transaction that makes it.
 */
public class ModelRepository {

    private static final String VERSION_COLUMNS = """
            SELECT mv.id, m.name AS model_name, mv.version, mv.run_id, mv.bundle_sha256, mv.metrics, mv.parameters,
                   mv.created_at, dv.id AS dataset_version_id, d.name AS dataset_name, dv.version AS dataset_version,
                   ARRAY(SELECT a.alias FROM model_aliases a WHERE a.model_version_id = mv.id ORDER BY a.alias)
                       AS aliases
            FROM model_versions mv
            JOIN registered_models m ON m.id = mv.model_id
            LEFT JOIN dataset_versions dv ON dv.id = mv.dataset_version_id
            LEFT JOIN datasets d ON d.id = dv.dataset_id
            """;

    private final JdbcClient jdbc;
    private final ModelChangeAnnouncer changes;

    public ModelRepository(JdbcClient jdbc, ModelChangeAnnouncer changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    /** Registers a model name with no versions yet; throws {@link ModelNameTakenException} if it exists. */
    @Transactional
    public RegisteredModel create(String name) {
        return create(name, null);
    }

    /** Registers a new model name owned by a principal (null: by no one), in one statement with its owner. */
    @Transactional
    public RegisteredModel create(String name, String owner) {
        if (!createIfAbsent(name, owner)) {
            throw new ModelNameTakenException(name);
        }
        return find(name).orElseThrow();
    }

    /**
     * Registers a model name owned by a principal unless the name exists (a run queued for a new model creates it).
     *
     * @return whether the name was registered now
     */
    @Transactional
    public boolean createIfAbsent(String name, String owner) {
        boolean created = jdbc.sql(
                        "INSERT INTO registered_models (name, owner) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")
                .params(name, owner).update() > 0;
        if (created) {
            changes.announce(new ModelCatalogChange(name, ModelCatalogChange.Kind.MODEL_CREATED));
        }
        return created;
    }

    /**
     * Registers the next version of the named model (creating the name on its first version). As for datasets, the
     * model's row is locked for the transaction so that concurrent registrations get consecutive numbers.
     */
    @Transactional
    public ModelVersion createNextVersion(NewModelVersion version) {
        jdbc.sql("INSERT INTO registered_models (name) VALUES (?) ON CONFLICT (name) DO NOTHING")
                .param(version.modelName()).update();
        long modelId = lockModel(version.modelName()).orElseThrow();
        int number = jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE model_id = ?")
                .param(modelId).query(Integer.class).single();
        long id = jdbc.sql("""
                        INSERT INTO model_versions (model_id, version, run_id, dataset_version_id, bundle_sha256,
                                                    metrics, parameters)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)
                        RETURNING id
                        """)
                .params(modelId, number, version.runId(), version.datasetVersionId(), version.bundleSha256(),
                        jsonb(orEmpty(version.metrics())), jsonb(orEmpty(version.parameters())))
                .query(Long.class).single();
        changes.announce(new ModelCatalogChange(version.modelName(), ModelCatalogChange.Kind.VERSION_REGISTERED));
        return findById(id).orElseThrow();
    }

    public List<RegisteredModel> findAll() {
        return jdbc.sql(modelQuery("") + " ORDER BY m.name").query((row, n) -> model(row)).list();
    }

    public Optional<RegisteredModel> find(String name) {
        return jdbc.sql(modelQuery("WHERE m.name = ?")).param(name).query((row, n) -> model(row)).optional();
    }

    public Optional<ModelVersion> findById(long id) {
        return jdbc.sql(VERSION_COLUMNS + " WHERE mv.id = ?").param(id).query(ModelRepository::version).optional();
    }

    public Optional<ModelVersion> findVersion(String name, int version) {
        return jdbc.sql(VERSION_COLUMNS + " WHERE m.name = ? AND mv.version = ?")
                .params(name, version).query(ModelRepository::version).optional();
    }

    public Optional<ModelVersion> findLatestVersion(String name) {
        return jdbc.sql(VERSION_COLUMNS + " WHERE m.name = ? ORDER BY mv.version DESC LIMIT 1")
                .param(name).query(ModelRepository::version).optional();
    }

    /** Every version of a model, oldest first. */
    public List<ModelVersion> findVersions(String name) {
        return jdbc.sql(VERSION_COLUMNS + " WHERE m.name = ? ORDER BY mv.version")
                .param(name).query(ModelRepository::version).list();
    }

    /** The version an alias points at now (aliases resolve at request time). */
    public Optional<ModelVersion> findByAlias(String name, String alias) {
        return jdbc.sql(VERSION_COLUMNS + """
                         JOIN model_aliases a ON a.model_version_id = mv.id AND a.model_id = m.id
                        WHERE m.name = ? AND a.alias = ?
                        """)
                .params(name, alias).query(ModelRepository::version).optional();
    }

    /**
     * Points an alias at a version, creating or moving it in one statement; the alias sends all of its traffic there
     * from now on (any split or shadow it had is gone). Empty when the model or the version does not exist (nothing
     * changes then).
     */
    @Transactional
    public Optional<ModelVersion> moveAlias(String name, String alias, int version) {
        return setAlias(name, alias, AliasTarget.single(version)).map(AliasRoute::primary);
    }

    /**
     * Sets where an alias sends traffic: its weighted arms and shadow version, replacing what it had. Empty when the
     * model or one of the versions does not exist (nothing changes then).
     */
    @Transactional
    public Optional<AliasRoute> setAlias(String name, String alias, AliasTarget target) {
        List<ModelVersion> arms = new ArrayList<>();
        for (AliasArm arm : target.arms()) {
            Optional<ModelVersion> found = findVersion(name, arm.version());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            arms.add(found.get());
        }
        Optional<ModelVersion> shadow = target.shadowVersion() == null ? Optional.empty()
                : findVersion(name, target.shadowVersion());
        if (target.shadowVersion() != null && shadow.isEmpty()) {
            return Optional.empty();
        }
        jdbc.sql("""
                        INSERT INTO model_aliases (model_id, alias, model_version_id, shadow_version_id)
                        SELECT model_id, ?, id, ? FROM model_versions WHERE id = ?
                        ON CONFLICT (model_id, alias)
                        DO UPDATE SET model_version_id = EXCLUDED.model_version_id,
                                      shadow_version_id = EXCLUDED.shadow_version_id, updated_at = now()
                        """)
                .params(alias, shadow.map(ModelVersion::id).orElse(null), arms.get(0).id()).update();
        jdbc.sql("""
                        DELETE FROM model_alias_arms
                        WHERE alias = ? AND model_id = (SELECT id FROM registered_models WHERE name = ?)
                        """)
                .params(alias, name).update();
        if (target.split()) {
            for (int position = 0; position < arms.size(); position++) {
                jdbc.sql("""
                                INSERT INTO model_alias_arms (model_id, alias, position, model_version_id, weight)
                                SELECT model_id, ?, ?, id, ? FROM model_versions WHERE id = ?
                                """)
                        .params(alias, position, target.arms().get(position).weight(), arms.get(position).id())
                        .update();
            }
        }
        changes.announce(new ModelCatalogChange(name, ModelCatalogChange.Kind.ALIAS_MOVED));
        return findRoute(name, alias);
    }

    /** Where an alias sends traffic now: its arms (one at full weight unless it is split) and its shadow. */
    public Optional<AliasRoute> findRoute(String name, String alias) {
        Optional<ModelVersion> primary = findByAlias(name, alias);
        if (primary.isEmpty()) {
            return Optional.empty();
        }
        List<AliasRoute.Arm> arms = new ArrayList<>();
        jdbc.sql("""
                        SELECT r.model_version_id, r.weight
                        FROM model_alias_arms r JOIN registered_models m ON m.id = r.model_id
                        WHERE m.name = ? AND r.alias = ?
                        ORDER BY r.position
                        """)
                .params(name, alias)
                .query((row, n) -> new long[] {row.getLong("model_version_id"), row.getInt("weight")})
                .list()
                .forEach(arm -> arms.add(new AliasRoute.Arm(findById(arm[0]).orElseThrow(), (int) arm[1])));
        if (arms.isEmpty()) {
            arms.add(new AliasRoute.Arm(primary.get(), AliasArm.WHOLE));
        }
        ModelVersion shadow = jdbc.sql("""
                        SELECT a.shadow_version_id
                        FROM model_aliases a JOIN registered_models m ON m.id = a.model_id
                        WHERE m.name = ? AND a.alias = ? AND a.shadow_version_id IS NOT NULL
                        """)
                .params(name, alias).query(Long.class).optional()
                .flatMap(this::findById).orElse(null);
        return Optional.of(new AliasRoute(alias, arms, shadow));
    }

    /** Removes an alias; false when there was none. */
    @Transactional
    public boolean deleteAlias(String name, String alias) {
        boolean deleted = jdbc.sql("""
                        DELETE FROM model_aliases
                        WHERE alias = ? AND model_id = (SELECT id FROM registered_models WHERE name = ?)
                        """)
                .params(alias, name).update() > 0;
        if (deleted) {
            changes.announce(new ModelCatalogChange(name, ModelCatalogChange.Kind.ALIAS_REMOVED));
        }
        return deleted;
    }

    private Optional<Long> lockModel(String name) {
        return jdbc.sql("SELECT id FROM registered_models WHERE name = ? FOR UPDATE")
                .param(name).query(Long.class).optional();
    }

    private static String modelQuery(String where) {
        return """
                SELECT m.id, m.name, m.created_at,
                       (SELECT MAX(version) FROM model_versions WHERE model_id = m.id) AS latest_version,
                       (SELECT COUNT(*) FROM model_versions WHERE model_id = m.id) AS versions,
                       ARRAY(SELECT a.alias FROM model_aliases a
                             WHERE a.model_id = m.id ORDER BY a.alias) AS alias_names,
                       ARRAY(SELECT mv.version FROM model_aliases a JOIN model_versions mv ON mv.id = a.model_version_id
                             WHERE a.model_id = m.id ORDER BY a.alias) AS alias_versions
                FROM registered_models m
                """ + where;
    }

    private static RegisteredModel model(ResultSet row) throws SQLException {
        List<String> names = strings(row, "alias_names");
        Integer[] versions = (Integer[]) row.getArray("alias_versions").getArray();
        Map<String, Integer> aliases = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            aliases.put(names.get(i), versions[i]);
        }
        Integer latest = row.getObject("latest_version", Integer.class);
        return new RegisteredModel(row.getLong("id"), row.getString("name"), latest, row.getInt("versions"),
                aliases, instant(row, "created_at"));
    }

    private static ModelVersion version(ResultSet row, int rowNumber) throws SQLException {
        long datasetVersionId = row.getLong("dataset_version_id");
        DatasetVersionRef dataset = row.wasNull() ? null : new DatasetVersionRef(datasetVersionId,
                row.getString("dataset_name"), row.getInt("dataset_version"));
        return new ModelVersion(row.getLong("id"), row.getString("model_name"), row.getInt("version"),
                row.getObject("run_id", UUID.class), dataset, row.getString("bundle_sha256"),
                json(row, "metrics"), json(row, "parameters"), strings(row, "aliases"), instant(row, "created_at"));
    }

    private static List<String> strings(ResultSet row, String column) throws SQLException {
        java.sql.Array array = row.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static JsonNode orEmpty(JsonNode document) {
        return document == null ? CatalogColumns.emptyObject() : document;
    }
}
