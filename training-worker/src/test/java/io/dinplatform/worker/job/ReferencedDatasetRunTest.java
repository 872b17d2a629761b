package io.dinplatform.worker.job;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.core.data.synthetic.SyntheticDataGenerator;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.registry.artifact.Sha256;
import io.dinplatform.registry.dataset.DatasetObject;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.dataset.NewDatasetVersion;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.reference.DataReferenceProperties;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.worker.WorkerContextTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs on datasets registered by reference: trained from the files where they lie, refused once a file changed. */
class ReferencedDatasetRunTest extends WorkerContextTest {

    private static final SyntheticConfig DATA = new SyntheticConfig(120, 60, 8, 2, 8, 5, 0.05, 41);
    private static final SyntheticConfig OTHER_DATA = new SyntheticConfig(120, 60, 8, 2, 8, 5, 0.05, 43);

    @Autowired
    DataReferenceProperties references;

    @Test
    void aRunTrainsOnTheReferencedFilesInOrder() throws IOException {
        DatasetVersion dataset = registerInParts("referenced", DATA);

        TrainingRun run = awaitFinal(catalog.queue("on-referenced-data", dataset).id());

        assertThat(run.status()).as(run.error()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(run.modelVersion()).isNotNull();
    }

    @Test
    void aRunOnAReferencedFileChangedSinceItsRegistrationFailsAtOnceNamingTheFile() throws IOException {
        DatasetVersion dataset = registerInParts("referenced-changed", OTHER_DATA);
        DatasetObject second = datasets.findObjects(dataset.id()).get(1);
        Path file = references.localDirectory().resolve(second.location().substring("local:".length()));
        byte[] content = Files.readAllBytes(file);
        content[content.length / 2] ^= 0x20; // the same size, another content
        Files.write(file, content);

        TrainingRun run = awaitFinal(catalog.queue("on-changed-data", dataset).id());

        assertThat(run.status()).isEqualTo(JobStatus.FAILED);
        assertThat(run.error()).contains("dataset referenced-changed version 1", second.location(),
                "changed after its dataset version was registered", second.sha256());
        assertThat(run.attempts()).as("a changed object is not retried").isEqualTo(1);
        assertThat(run.modelVersion()).isNull();
    }

    /** Writes the samples as two files below the allowed directory and registers them by reference. */
    private DatasetVersion registerInParts(String name, SyntheticConfig config) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FeatureSchema schema = SyntheticDataGenerator.write(config, bytes);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        int middle = lines.length / 2;
        Path directory = Files.createDirectories(references.localDirectory().resolve(name + "-" + UUID.randomUUID()));
        List<DatasetObject> objects = new ArrayList<>();
        for (int part = 0; part < 2; part++) {
            List<String> content = new ArrayList<>(List.of(lines[0]));
            content.addAll(List.of(lines).subList(part == 0 ? 1 : middle, part == 0 ? middle : lines.length));
            Path file = Files.write(directory.resolve("part-" + part + ".csv"), content);
            try (InputStream in = Files.newInputStream(file)) {
                objects.add(new DatasetObject("local:" + references.localDirectory().relativize(file),
                        Sha256.of(in), Files.size(file)));
            }
        }
        JsonMapper json = JsonMapper.shared();
        return datasets.createNextVersion(new NewDatasetVersion(name, DatasetObject.listingSha256(objects),
                objects.stream().mapToLong(DatasetObject::sizeBytes).sum(), lines.length - 1L,
                FeatureSchemaJson.toTree(schema), json.createObjectNode(),
                json.createObjectNode().put("kind", "reference"), null, objects));
    }
}
