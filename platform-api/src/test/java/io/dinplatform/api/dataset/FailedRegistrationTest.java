package io.dinplatform.api.dataset;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import io.dinplatform.api.MultipartForm;
import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.SamplesCsv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the catalog refuses the version after the file was stored (here a trigger in the real database makes the
 * insert fail), the registration rolls back completely: no rows, and the artifact it wrote is deleted again.
 */
class FailedRegistrationTest extends PlatformApiTest {

    private static final String DOOMED = "doomed-dataset";

    @BeforeEach
    void makeTheCatalogRefuseOneName() {
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION refuse_doomed_dataset() RETURNS trigger AS $$
                BEGIN
                    IF (SELECT name FROM datasets WHERE id = NEW.dataset_id) = 'doomed-dataset' THEN
                        RAISE EXCEPTION 'the catalog refuses this version';
                    END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql
                """).update();
        jdbc.sql("""
                CREATE TRIGGER refuse_doomed_dataset BEFORE INSERT ON dataset_versions
                FOR EACH ROW EXECUTE FUNCTION refuse_doomed_dataset()
                """).update();
    }

    @AfterEach
    void removeTheTrigger() {
        jdbc.sql("DROP TRIGGER IF EXISTS refuse_doomed_dataset ON dataset_versions").update();
        jdbc.sql("DROP FUNCTION IF EXISTS refuse_doomed_dataset()").update();
    }

    @Test
    void aVersionTheCatalogRefusesLeavesNoRowAndNoArtifact() {
        long versionsBefore = count("dataset_versions");
        List<Path> artifactsBefore = artifactFiles();

        assertProblem(upload(DOOMED, SamplesCsv.SCHEMA, SamplesCsv.bytes(SamplesCsv.rows(25, 99)), "s.csv"), 500);

        assertThat(count("dataset_versions")).isEqualTo(versionsBefore);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM datasets WHERE name = ?").param(DOOMED).query(Long.class).single())
                .as("the dataset row created in the same transaction is rolled back").isZero();
        assertThat(artifactFiles()).isEqualTo(artifactsBefore);
    }

    @Test
    void itemsTheCatalogRefusesLeaveNoVersionAndNoArtifact() {
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION refuse_doomed_items() RETURNS trigger AS $$
                BEGIN
                    RAISE EXCEPTION 'the catalog refuses these items';
                END $$ LANGUAGE plpgsql
                """).update();
        jdbc.sql("CREATE TRIGGER refuse_doomed_items BEFORE INSERT ON dataset_items FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_doomed_items()").update();
        String name = DatasetUploadTest.uniqueName();
        long versionsBefore = count("dataset_versions");
        List<Path> artifactsBefore = artifactFiles();
        try {
            assertProblem(postMultipart("/api/v1/datasets", new MultipartForm().field("name", name)
                    .json("schema", SamplesCsv.SCHEMA).file("file", SamplesCsv.bytes(SamplesCsv.rows(25, 97)), "s.csv")
                    .file("items", "id,title\ni100,A\n".getBytes(StandardCharsets.UTF_8), "items.csv")), 500);
        } finally {
            jdbc.sql("DROP TRIGGER IF EXISTS refuse_doomed_items ON dataset_items").update();
            jdbc.sql("DROP FUNCTION IF EXISTS refuse_doomed_items()").update();
        }

        assertThat(count("dataset_versions")).as("the version is rolled back with its items").isEqualTo(versionsBefore);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM datasets WHERE name = ?").param(name).query(Long.class).single())
                .isZero();
        assertThat(artifactFiles()).isEqualTo(artifactsBefore);
    }

    @Test
    void contentSharedWithAnExistingVersionIsKept() {
        byte[] csv = SamplesCsv.bytes(SamplesCsv.rows(25, 98));
        upload(DatasetUploadTest.uniqueName(), SamplesCsv.SCHEMA, csv, "s.csv");
        List<Path> artifactsBefore = artifactFiles();

        assertProblem(upload(DOOMED, SamplesCsv.SCHEMA, csv, "s.csv"), 500);

        assertThat(artifactFiles()).as("the other version's file stays").isEqualTo(artifactsBefore);
    }
}
