package io.dinplatform.worker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import ai.djl.Device;
import io.dinplatform.core.bundle.BundleMetadata;
import io.dinplatform.core.bundle.BundleWriter;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.encode.DatasetEncoder;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.core.train.TrainingJob;
import io.dinplatform.core.train.TrainingListener;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.artifact.StoredArtifact;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.model.NewModelVersion;
import io.dinplatform.worker.steps.RunSpec;

/** Models for the tests that score: trained with din-core and registered as the training job registers one. */
public final class TestModels {

    private TestModels() {
    }

    /**
     * A small DIN trained with din-core on the dataset: the bundle into the artifact store, a version with its
     * SHA-256 into the catalog. (Trained here rather than by a worker's training loop, so that a scoring test depends
     * on the scoring alone.)
     */
    public static ModelVersion trainAndRegister(ArtifactStore artifacts, ModelRepository models, String name,
                                                DatasetVersion training) throws IOException {
        return trainAndRegister(artifacts, models, name, training, TestCatalog.spec(2, "CPU"));
    }

    /** As {@link #trainAndRegister(ArtifactStore, ModelRepository, String, DatasetVersion)}, with the given spec. */
    public static ModelVersion trainAndRegister(ArtifactStore artifacts, ModelRepository models, String name,
                                                DatasetVersion training, RunSpec spec) throws IOException {
        EncodedDataset data;
        try (InputStream in = artifacts.openVerified(training.sha256())) {
            data = new DatasetEncoder(FeatureSchemaJson.fromTree(training.schema())).encode(in);
        }
        ByteArrayOutputStream bundle = new ByteArrayOutputStream();
        try (TrainingJob job = TrainingJob.create(data, spec.architecture(), spec.training(), Device.cpu())) {
            job.run(TrainingListener.NONE, () -> false);
            BundleWriter.write(bundle, data.schema(), data.vocabularies(), job.model(), job.tables(),
                    BundleMetadata.empty());
        }
        StoredArtifact stored = artifacts.write(new ByteArrayInputStream(bundle.toByteArray()));
        return models.createNextVersion(new NewModelVersion(name, null, training.id(), stored.sha256(), null, null));
    }
}
