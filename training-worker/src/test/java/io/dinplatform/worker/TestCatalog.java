package io.dinplatform.worker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.nio.file.Path;
import io.dinplatform.core.data.builders.BuildOptions;
import io.dinplatform.core.data.builders.BuildProtocol;
import io.dinplatform.core.data.builders.BuildResult;
import io.dinplatform.core.data.builders.Interaction;
import io.dinplatform.core.data.builders.InteractionFormat;
import io.dinplatform.core.data.builders.InteractionLogReader;
import io.dinplatform.core.data.builders.ItemCatalog;
import io.dinplatform.core.data.builders.ItemCatalogReader;
import io.dinplatform.core.data.builders.SamplesBuilder;
import java.util.UUID;

import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.core.data.synthetic.SyntheticDataGenerator;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.artifact.Sha256;
import io.dinplatform.registry.dataset.DatasetObject;
import io.dinplatform.registry.artifact.StoredArtifact;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.dataset.NewDatasetVersion;
import io.dinplatform.registry.run.NewTrainingRun;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.registry.run.TrainingRunRepository;
import io.dinplatform.core.device.DeviceChoice;
import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.AttentionConfig;
import io.dinplatform.core.model.MlpConfig;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.train.OptimizerConfig;
import io.dinplatform.core.train.RegularizationConfig;
import io.dinplatform.core.train.TrainingConfig;
import io.dinplatform.registry.run.RunRequest;
import io.dinplatform.worker.steps.RunSpec;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** Registers datasets and queues runs the way the API does, through the catalog's own repositories. */
public final class TestCatalog {

    private static final JsonMapper JSON = JsonMapper.shared();

    /** A few hundred rows of the synthetic multi-interest data: seconds to train on a CPU. */
    public static final SyntheticConfig TINY = new SyntheticConfig(120, 60, 8, 2, 8, 5, 0.05, 7);

    private final DatasetRepository datasets;
    private final TrainingRunRepository runs;
    private final ArtifactStore artifacts;

    public TestCatalog(DatasetRepository datasets, TrainingRunRepository runs, ArtifactStore artifacts) {
        this.datasets = datasets;
        this.runs = runs;
        this.artifacts = artifacts;
    }

    /** Registers the synthetic samples as the next version of the named dataset. */
    public DatasetVersion registerSynthetic(String name, SyntheticConfig config) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FeatureSchema schema = SyntheticDataGenerator.write(config, bytes);
        StoredArtifact stored = artifacts.write(new ByteArrayInputStream(bytes.toByteArray()));
        long rows = (long) config.users() * config.samplesPerUser();
        return datasets.createNextVersion(new NewDatasetVersion(name, stored.sha256(), stored.sizeBytes(), rows,
                FeatureSchemaJson.toTree(schema), JsonMapper.shared().createObjectNode(),
                JsonMapper.shared().createObjectNode().put("synthetic", true), stored.storageKey()));
    }

    /**
     * Writes the synthetic samples as {@code parts} files (each with the header) into a new directory below
     * {@code allowed} and registers them by reference, as the API would after reading them.
     */
    public DatasetVersion registerReferenced(String name, SyntheticConfig config, Path allowed, int parts)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FeatureSchema schema = SyntheticDataGenerator.write(config, bytes);
        List<String> lines = List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
        Path directory = Files.createDirectories(allowed.resolve(name + "-" + UUID.randomUUID()));
        List<DatasetObject> objects = new ArrayList<>();
        int rows = lines.size() - 1;
        for (int part = 0; part < parts; part++) {
            List<String> content = new ArrayList<>(List.of(lines.get(0)));
            content.addAll(lines.subList(1 + part * rows / parts, 1 + (part + 1) * rows / parts));
            Path file = Files.write(directory.resolve("part-" + part + ".csv"), content);
            try (InputStream in = Files.newInputStream(file)) {
                objects.add(new DatasetObject("local:" + allowed.relativize(file), Sha256.of(in), Files.size(file)));
            }
        }
        return datasets.createNextVersion(new NewDatasetVersion(name, DatasetObject.listingSha256(objects),
                objects.stream().mapToLong(DatasetObject::sizeBytes).sum(), rows, FeatureSchemaJson.toTree(schema),
                JSON.createObjectNode(), JSON.createObjectNode().put("kind", "reference"), null, objects));
    }

    /** A small DIN and a short training: the configuration the API would store, every default filled in. */
    public static RunSpec spec(int epochs, String device) {
        ArchitectureConfig architecture = new ArchitectureConfig(ModelType.DIN, 4,
                new AttentionConfig(List.of(8), null, null, null), new MlpConfig(List.of(16, 8), null), null, null);
        TrainingConfig training = new TrainingConfig(epochs, 32, OptimizerConfig.adam(0.01f),
                RegularizationConfig.mba(0.01f), 0f, 7, DeviceChoice.parse(device), 0, 512, null);
        return new RunSpec(architecture, training);
    }

    /** Queues a run the way the API stores it: the dataset, the model name and din-core's configuration. */
    public TrainingRun queue(String model, DatasetVersion dataset, RunSpec spec) {
        return runs.create(new NewTrainingRun(model, request(model, dataset, spec), dataset.id(), "system"));
    }

    public TrainingRun queue(String model, DatasetVersion dataset) {
        return queue(model, dataset, spec(2, "CPU"));
    }

    public static RunRequest request(String model, DatasetVersion dataset, RunSpec spec) {
        return RunRequest.of(new RunRequest.Dataset(dataset.name(), dataset.version()), model, spec.architecture(),
                spec.training(), null);
    }

    public TrainingRun run(UUID id) {
        return runs.find(id).orElseThrow();
    }

    /** MovieLens 100K from its files, built into samples as the dataset builder builds it (the rating threshold). */
    public DatasetVersion registerMovieLens(Path data) throws IOException {
        List<Interaction> interactions;
        try (InputStream in = Files.newInputStream(data.resolve("u.data"))) {
            interactions = InteractionLogReader.read(in, InteractionFormat.MOVIELENS);
        }
        ItemCatalog items;
        try (InputStream in = Files.newInputStream(data.resolve("u.item"))) {
            items = ItemCatalogReader.movieLens(in);
        }
        ByteArrayOutputStream samples = new ByteArrayOutputStream();
        BuildResult built = SamplesBuilder.build(interactions, items,
                BuildOptions.defaults(BuildProtocol.RATING_THRESHOLD), samples);
        StoredArtifact stored = artifacts.write(new ByteArrayInputStream(samples.toByteArray()));
        JsonMapper json = JsonMapper.shared();
        return datasets.createNextVersion(new NewDatasetVersion("movielens-100k", stored.sha256(),
                stored.sizeBytes(), built.rows(), FeatureSchemaJson.toTree(built.schema()), json.createObjectNode(),
                json.createObjectNode().put("protocol", "RATING_THRESHOLD"), stored.storageKey()));
    }
}
