package io.dinplatform.worker.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.registry.dataset.DatasetObject;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.reference.DataReferenceProperties;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.worker.WorkerContextTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs on datasets registered by reference: trained from the files where they lie, refused once a file changed. */
class ReferencedDatasetRunTest extends WorkerContextTest {

    private static final SyntheticConfig DATA = new SyntheticConfig(120, 60, 8, 2, 8, 5, 0.05, 41);
    private static final SyntheticConfig OTHER_DATA = new SyntheticConfig(120, 60, 8, 2, 8, 5, 0.05, 43);

    @Autowired
    DataReferenceProperties references;

    @Test
    void aRunTrainsOnTheReferencedFilesInOrder() throws IOException {
        DatasetVersion dataset = catalog.registerReferenced("referenced", DATA, references.localDirectory(), 2);

        TrainingRun run = awaitFinal(catalog.queue("on-referenced-data", dataset).id());

        assertThat(run.status()).as(run.error()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(run.modelVersion()).isNotNull();
    }

    @Test
    void aRunOnAReferencedFileChangedSinceItsRegistrationFailsAtOnceNamingTheFile() throws IOException {
        DatasetVersion dataset = catalog.registerReferenced("referenced-changed", OTHER_DATA, references.localDirectory(), 2);
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
}
