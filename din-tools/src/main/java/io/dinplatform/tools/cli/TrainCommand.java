package io.dinplatform.tools.cli;

import io.dinplatform.core.bundle.BundleMetadata;
import io.dinplatform.core.bundle.BundleWriter;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.encode.DatasetEncoder;
import io.dinplatform.core.device.DeviceChoice;
import io.dinplatform.core.metrics.BaselineMetrics;
import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.core.metrics.PopularityBaseline;
import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.core.train.EngineThreads;
import io.dinplatform.core.train.LearningRateSchedule;
import io.dinplatform.core.train.OptimizerConfig;
import io.dinplatform.core.train.OptimizerType;
import io.dinplatform.core.train.RegularizationConfig;
import io.dinplatform.core.train.RegularizationType;
import io.dinplatform.core.train.SelectionMetric;
import io.dinplatform.core.train.TrainingConfig;
import io.dinplatform.core.train.TrainingJob;
import io.dinplatform.core.train.TrainingListener;
import io.dinplatform.core.train.TrainingReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** Samples CSV + schema JSON → a trained model, its validation and test metrics as JSON, optionally a bundle. */
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

    @Override
    public Integer call() throws Exception {
        EngineThreads.use(threads);
        FeatureSchema featureSchema;
        try (InputStream in = Files.newInputStream(schema)) {
            featureSchema = FeatureSchemaJson.parse(in);
        }
        EncodedDataset data = new DatasetEncoder(featureSchema).encode(samples);
        ArchitectureConfig architecture = new ArchitectureConfig(model, embeddingDim, null, null, null, null);
        TrainingConfig config = trainingConfig();
        try (TrainingJob job = TrainingJob.create(data, architecture, config)) {
            TrainingReport report = job.run(progress(), () -> false);
            BaselineMetrics baseline = job.trainer().baseline(Split.TEST);
            if (bundle != null) {
                writeBundle(job, data, config, report);
            }
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(report, baseline,
                    job.trainer().idDropout().probabilities())));
        }
        return 0;
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

    private void writeBundle(TrainingJob job, EncodedDataset data, TrainingConfig config, TrainingReport report)
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
