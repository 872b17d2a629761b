package io.dinplatform.tools.cli;

import io.dinplatform.core.bundle.BundleMetadata;
import io.dinplatform.core.bundle.BundleWriter;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.encode.DatasetEncoder;
import io.dinplatform.core.data.encode.ShardedDatasetEncoder;
import io.dinplatform.core.data.shard.DirectoryShardStore;
import io.dinplatform.core.data.shard.ShardManifest;
import io.dinplatform.core.data.shard.ShardedDataset;
import io.dinplatform.core.data.shard.StoredShards;
import io.dinplatform.core.device.DeviceChoice;
import io.dinplatform.core.metrics.BaselineMetrics;
import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.core.metrics.PopularityBaseline;
import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.core.device.EngineThreads;
import io.dinplatform.core.train.LearningRateSchedule;
import io.dinplatform.core.train.OptimizerConfig;
import io.dinplatform.core.train.OptimizerType;
import io.dinplatform.core.train.RegularizationConfig;
import io.dinplatform.core.train.RegularizationType;
import io.dinplatform.core.train.SelectionMetric;
import io.dinplatform.core.train.Trainer;
import io.dinplatform.core.train.TrainingConfig;
import io.dinplatform.core.train.TrainingJob;
import io.dinplatform.core.train.TrainingListener;
import io.dinplatform.core.train.TrainingReport;
import io.dinplatform.tools.bench.ProcessMeters;
import ai.djl.ndarray.NDManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Samples CSV + schema JSON → a trained model, its validation and test metrics as JSON, optionally a bundle. With
 * {@code --shards} the samples are encoded into shards in that directory (once: a second run with the same data and
 * settings reads them) and streamed into training; without it they are encoded in memory, which suits small data.
 * The JSON also reports the prepare time and the process's resident memory (idle, after the engine started, and peak).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train and evaluate DIN or the base model; prints the metrics as JSON.")
final class TrainCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(names = "--samples", required = true, description = "samples CSV (optionally gzipped)")
    Path samples;

    @Option(names = "--schema", required = true, description = "schema JSON")
    Path schema;

    @Option(names = "--model", defaultValue = "DIN", description = "DIN or BASE; default ${DEFAULT-VALUE}")
    ModelType model;

    @Option(names = "--embedding-dim", defaultValue = "18", description = "default ${DEFAULT-VALUE}")
    int embeddingDim;

    @Option(names = "--epochs", defaultValue = "5", description = "default ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "256", description = "default ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--optimizer", defaultValue = "ADAM", description = "SGD, ADAGRAD or ADAM; default ${DEFAULT-VALUE}")
    OptimizerType optimizer;

    @Option(names = "--learning-rate", defaultValue = "0.005", description = "default ${DEFAULT-VALUE}")
    float learningRate;

    @Option(names = "--decay", defaultValue = "CONSTANT",
            description = "learning-rate decay: CONSTANT, STEP or EXPONENTIAL; default ${DEFAULT-VALUE}")
    LearningRateSchedule.Type decay;

    @Option(names = "--decay-rate", defaultValue = "0.5", description = "γ of STEP/EXPONENTIAL; default ${DEFAULT-VALUE}")
    float decayRate;

    @Option(names = "--decay-steps", defaultValue = "1000", description = "period of the decay; default ${DEFAULT-VALUE}")
    int decaySteps;

    @Option(names = "--regularization", defaultValue = "MBA", description = "NONE, MBA or L2; default ${DEFAULT-VALUE}")
    RegularizationType regularization;

    @Option(names = "--lambda", defaultValue = "0.01", description = "default ${DEFAULT-VALUE}")
    float lambda;

    @Option(names = "--decoupled", arity = "1", description = "MBA outside Adam's and Adagrad's rule (true) or in "
            + "their gradient (false); default: true for ADAM and ADAGRAD, SGD is the same either way")
    Boolean decoupled;

    @Option(names = "--clip-norm", defaultValue = "0", description = "global gradient norm limit, 0 = off")
    float clipNorm;

    @Option(names = "--patience", defaultValue = "2", description = "early-stopping patience, 0 = off")
    int patience;

    @Option(names = "--selection-metric", description = "validation metric that selects the best epoch and drives "
            + "early stopping: GAUC, AUC or LOGLOSS; default GAUC")
    SelectionMetric selectionMetric; // null: TrainingConfig's default

    @Option(names = "--id-dropout", split = ",", description = "per categorical feature, the probability that a "
            + "training id is replaced by the unknown index, e.g. user_id=0.1 (repeat or separate with commas); "
            + "default: the schema's idDropout, else 0.1 for the group feature of a dataset split by group, else 0")
    Map<String, Float> idDropout; // null: the schema's and IdDropout's defaults

    @Option(names = "--seed", defaultValue = "7", description = "default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--device", defaultValue = "AUTO", description = "AUTO, CPU or GPU; default ${DEFAULT-VALUE}")
    DeviceChoice device;

    @Option(names = "--threads", defaultValue = "2", description = "engine intra-op threads; default ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--bundle", description = "write the trained model bundle to this file")
    Path bundle;

    @Option(names = "--quiet", description = "no per-epoch progress on stderr")
    boolean quiet;

    @Option(names = "--shards", description = "encode into shards in this directory (or reuse the ones there) and "
            + "stream them; default: encode in memory")
    Path shards;

    @Option(names = "--rows-per-shard", defaultValue = "" + ShardedDataset.DEFAULT_ROWS_PER_SHARD,
            description = "default ${DEFAULT-VALUE}")
    int rowsPerShard;

    @Option(names = "--shuffle-buffer-rows", defaultValue = "" + Trainer.DEFAULT_SHUFFLE_BUFFER_ROWS,
            description = "rows an epoch shuffles together; default ${DEFAULT-VALUE}")
    int shuffleBufferRows;

    /** What preparing the data did and how long it took. */
    private record Prepared(ShardedDataset data, String encoding, long rows, double seconds) {
    }

    @Override
    public Integer call() throws Exception {
        EngineThreads.use(threads);
        FeatureSchema featureSchema;
        try (InputStream in = Files.newInputStream(schema)) {
            featureSchema = FeatureSchemaJson.parse(in);
        }
        TrainingConfig config = trainingConfig();
        double idleMib = idleResidentMib(config);
        Prepared prepared = prepare(featureSchema);
        System.err.printf("prepared %d rows in %.1f s (%s)%n", prepared.rows(), prepared.seconds(),
                prepared.encoding());
        ArchitectureConfig architecture = new ArchitectureConfig(model, embeddingDim, null, null, null, null);
        try (TrainingJob job = TrainingJob.create(prepared.data(), architecture, config, shuffleBufferRows,
                config.device().resolve())) {
            TrainingReport report = job.run(progress(), () -> false);
            BaselineMetrics baseline = job.trainer().baseline(Split.TEST);
            if (bundle != null) {
                writeBundle(job, prepared.data(), config, report);
            }
            ObjectNode json = toJson(report, baseline, job.trainer().idDropout().probabilities());
            json.putObject("prepare").put("encoding", prepared.encoding()).put("rows", prepared.rows())
                    .put("seconds", prepared.seconds())
                    .put("rowsPerSecond", Math.round(prepared.rows() / Math.max(prepared.seconds(), 1e-9)));
            json.putObject("memory").put("idleMib", Math.round(idleMib))
                    .put("peakMib", Math.round(ProcessMeters.peakResidentMib()));
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        }
        return 0;
    }

    /** The resident memory once the engine has started and before any data is read: the process idle. */
    private static double idleResidentMib(TrainingConfig config) {
        try (NDManager manager = NDManager.newBaseManager(config.device().resolve())) {
            manager.ones(new ai.djl.ndarray.types.Shape(1)).sum().getFloat();
        }
        return ProcessMeters.residentMib();
    }

    /**
     * In memory, or as shards in {@code --shards}: encoded there unless a manifest for the same key is there already
     * (the key hashes the samples file, the schema and the shard size), which is the worker's reuse on one machine.
     */
    private Prepared prepare(FeatureSchema featureSchema) throws Exception {
        long start = System.nanoTime();
        if (shards == null) {
            EncodedDataset data = new DatasetEncoder(featureSchema).encode(samples);
            return new Prepared(ShardedDataset.inMemory(data, rowsPerShard), "in memory", data.size(),
                    (System.nanoTime() - start) / 1e9);
        }
        DirectoryShardStore store = new DirectoryShardStore(shards);
        ShardedDatasetEncoder encoder = new ShardedDatasetEncoder(featureSchema, rowsPerShard);
        String key = encoder.key(sha256(samples));
        Path index = shards.resolve(key + ".manifest");
        String encoding = "reused (encoding skipped)";
        if (!Files.exists(index)) {
            ShardManifest manifest = encoder.encode(samples, key, store);
            Files.writeString(index, store.write(manifest.toJson()));
            encoding = "encoded into " + manifest.shardCount() + " shards";
        }
        StoredShards data = StoredShards.open(featureSchema, Files.readString(index).strip(), store);
        return new Prepared(data, encoding, data.manifest().rows(), (System.nanoTime() - start) / 1e9);
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private TrainingConfig trainingConfig() {
        LearningRateSchedule schedule = new LearningRateSchedule(decay, decay == LearningRateSchedule.Type.CONSTANT
                ? 1f : decayRate, decaySteps);
        OptimizerConfig optimizerConfig = OptimizerConfig.of(optimizer, learningRate).withSchedule(schedule);
        return new TrainingConfig(epochs, batchSize, optimizerConfig,
                new RegularizationConfig(regularization, lambda, decoupled), clipNorm, seed, device, patience, 4096,
                selectionMetric, idDropout);
    }

    private TrainingListener progress() {
        if (quiet) {
            return TrainingListener.NONE;
        }
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochSummary summary) {
                EvaluationMetrics validation = summary.validation();
                System.err.printf("epoch %d: train loss %.4f, validation AUC %s GAUC %s, %.0f samples/s%s%n",
                        summary.epoch(), summary.trainLoss(),
                        validation == null ? "-" : String.format("%.4f", validation.auc()),
                        validation == null ? "-" : String.format("%.4f", validation.gauc()),
                        summary.samplesPerSecond(), summary.best() ? " (best so far)" : "");
            }
        };
    }

    private void writeBundle(TrainingJob job, ShardedDataset data, TrainingConfig config, TrainingReport report)
            throws Exception {
        Map<String, EvaluationMetrics> metrics = new LinkedHashMap<>();
        if (report.validation() != null) {
            metrics.put("validation", report.validation());
        }
        if (report.test() != null) {
            metrics.put("test", report.test());
        }
        BundleMetadata metadata = new BundleMetadata(JSON.valueToTree(config), metrics,
                Map.of("samples", samples.getFileName().toString()));
        try (OutputStream out = Files.newOutputStream(bundle)) {
            String sha256 = BundleWriter.write(out, data.schema(), data.vocabularies(), job.model(), job.tables(),
                    metadata);
            System.err.printf("bundle %s, sha256 %s%n", bundle, sha256);
        }
    }

    private ObjectNode toJson(TrainingReport report, BaselineMetrics testBaseline, Map<String, Float> dropout) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model.name());
        root.put("status", report.result().status().name());
        root.put("epochs", report.result().epochs());
        root.put("steps", report.result().steps());
        root.put("bestEpoch", report.result().bestEpoch());
        if (report.result().selectedBy() != null) {
            root.put("selectedBy", report.result().selectedBy().name());
        }
        root.put("trainingSamplesPerSecond", Math.round(report.trainingSamplesPerSecond()));
        putMetrics(root, "validation", report.validation());
        putMetrics(root, "test", report.test());
        if (testBaseline != null && report.test() != null) {
            ObjectNode node = ((ObjectNode) root.get("test")).putObject("baseline");
            node.put("name", PopularityBaseline.NAME);
            node.put("auc", testBaseline.auc());
            node.put("gauc", testBaseline.gauc());
            node.put("relaImprGauc", testBaseline.relaImprGaucOf(report.test()));
            node.put("beaten", testBaseline.isBeatenBy(report.test()));
        }
        dropout.forEach(root.putObject("idDropout")::put);
        return root;
    }

    private static void putMetrics(ObjectNode root, String name, EvaluationMetrics metrics) {
        if (metrics == null) {
            return;
        }
        ObjectNode node = root.putObject(name);
        node.put("auc", metrics.auc());
        node.put("gauc", metrics.gauc());
        node.put("logloss", metrics.logLoss());
        node.put("samples", metrics.samples());
    }
}
