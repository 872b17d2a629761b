package io.dinplatform.registry.database;

import java.util.List;

import javax.sql.DataSource;

import io.dinplatform.registry.EmbeddedCatalogTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest extends EmbeddedCatalogTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EmbeddedPostgresServer server;

    @Autowired
    DataSource dataSource;

    @Test
    void flywayCreatesEveryTableFromAnEmptyDatabase() {
        List<String> applied = jdbc.sql("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                .query(String.class).list();
        assertThat(applied).as("every migration on the class path, in order").containsExactlyElementsOf(ShippedMigrations.versions());

        List<String> tables = jdbc.sql("""
                        SELECT lower(table_name) FROM information_schema.tables
                        WHERE table_schema = 'public' ORDER BY 1
                        """).query(String.class).list();
        assertThat(tables).contains("datasets", "dataset_versions", "registered_models", "model_versions",
                "model_aliases", "training_runs", "run_events", "batch_job_instance", "batch_job_execution",
                "batch_job_execution_params", "batch_step_execution", "batch_step_execution_context",
                "batch_job_execution_context", "training_workers", "api_tokens");
    }

    @Test
    void upgradingACatalogWithImpressionsGivesItsDaysContextPartitions() {
        String schema = "upgrade_" + Long.toHexString(System.nanoTime());
        Flyway.configure().dataSource(dataSource).schemas(schema).target("16").load().migrate();
        jdbc.sql("CREATE TABLE " + schema + ".impressions_20260101 PARTITION OF " + schema + ".impressions "
                + "FOR VALUES FROM ('2026-01-01T00:00:00Z') TO ('2026-01-02T00:00:00Z')").update();

        Flyway.configure().dataSource(dataSource).schemas(schema).load().migrate();

        assertThat(jdbc.sql("""
                        SELECT pg_get_expr(child.relpartbound, child.oid) FROM pg_class child
                        WHERE child.relname = 'impression_contexts_20260101'
                          AND child.relnamespace = CAST(? AS regnamespace)
                        """).param(schema).query(String.class).single())
                .as("the day's context partition, of the same bounds as its impressions'")
                .contains("2026-01-01 00:00:00+00").contains("2026-01-02 00:00:00+00");
        jdbc.sql("DROP SCHEMA " + schema + " CASCADE").update();
    }

    @Test
    void springBatchSixSequencesExist() {
        List<String> sequences = jdbc.sql("SELECT lower(sequence_name) FROM information_schema.sequences ORDER BY 1")
                .query(String.class).list();
        assertThat(sequences).contains("batch_job_instance_seq", "batch_job_execution_seq", "batch_step_execution_seq");
    }

    @Test
    void theEmbeddedServerKeepsItsDataInTheDataDirectoryAndWritesDurably() {
        assertThat(server.dataDirectory()).isEqualTo(DATA_DIR.resolve("postgres").toAbsolutePath().normalize());
        assertThat(server.dataDirectory().resolve("PG_VERSION")).exists();
        assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).isEqualTo("on");
        assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single()).isEqualTo("on");
        assertThat(jdbc.sql("SHOW server_version").query(String.class).single()).startsWith("17.");
    }
}
