package io.dinplatform.api.online;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.dinplatform.api.ResourceNames;
import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.dataset.DatasetRegistration;
import io.dinplatform.core.data.csv.CsvWriter;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.core.schema.FeatureSpec;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.impression.ImpressionRepository;
import io.dinplatform.registry.impression.ServedRow;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import org.springframework.core.io.FileSystemResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static io.dinplatform.api.error.InvalidRequestException.invalidField;

/**
 * Datasets built from served traffic: the model's logged impressions become samples in the schema of the data its
 * newest version was trained on, labelled by the clicks reported (an impression without a report, older than the
 * label delay, is a non-click), split by time (the newest impressions test, the ones before them validation), and
 * registered like an upload, with the versions that served them in the version's origin.
 */
public class TrafficDatasets {

    private static final String SPLIT_COLUMN = "split";

    private final ImpressionRepository impressions;
    private final ModelRepository models;
    private final DatasetRepository datasets;
    private final DatasetRegistration registration;
    private final ImpressionProperties properties;
    private final Clock clock;

    public TrafficDatasets(ImpressionRepository impressions, ModelRepository models, DatasetRepository datasets,
                           DatasetRegistration registration, ImpressionProperties properties, Clock clock) {
        this.impressions = impressions;
        this.models = models;
        this.datasets = datasets;
        this.registration = registration;
        this.properties = properties;
        this.clock = clock;
    }

    public DatasetVersion build(TrafficDatasetRequest request) throws IOException {
        ResourceNames.requireValidName("name", request.name());
        FeatureSchema schema = trainingSchema(request.model());
        Period period = period(request);
        long total = impressions.count(request.model(), period.from(), period.to());
        if (total == 0) {
            throw invalidField("from", "model '" + request.model() + "' has no impression logged between "
                    + period.from() + " and " + period.to() + " (impressions younger than the label delay are left out)");
        }
        double test = request.effectiveTestFraction();
        double valid = request.effectiveValidFraction();
        if (valid + test >= 1) {
            throw invalidField("validFraction", "validFraction + testFraction must leave impressions for training");
        }
        FeatureSchema built = new FeatureSchema(schema.label(), schema.group(), SPLIT_COLUMN,
                schema.sequenceDelimiter(), schema.features());
        Path samples = Files.createTempFile("din-traffic-", ".csv");
        try {
            Written written = write(request.model(), period, built, total, valid, test, samples);
            if (written.rows() == 0) {
                throw invalidField("model", "none of the " + total + " impressions holds every feature of the schema");
            }
            return registration.register(request.name(), built, new FileSystemResource(samples),
                    origin(request, period, written), List.of());
        } finally {
            Files.deleteIfExists(samples);
        }
    }

    /** The schema of the data the model's newest version was trained on. */
    private FeatureSchema trainingSchema(String model) {
        ModelVersion newest = models.findLatestVersion(model).orElseThrow(() -> models.find(model).isEmpty()
                ? new ResourceNotFoundException("model '" + model + "' does not exist")
                : invalidField("model", "model '" + model + "' has no version"));
        if (newest.dataset() == null) {
            throw invalidField("model", "model '" + model + "' version " + newest.version() + " records no training "
                    + "dataset, so there is no schema to build samples in");
        }
        DatasetVersion data = datasets.findById(newest.dataset().id()).orElseThrow(() -> invalidField("model",
                "the training dataset of model '" + model + "' is gone"));
        return FeatureSchemaJson.fromTree(data.schema());
    }

    private Period period(TrafficDatasetRequest request) {
        Duration delay = request.effectiveLabelDelay();
        if (delay.isNegative()) {
            throw invalidField("labelDelay", "must not be negative, got " + delay);
        }
        Instant latest = clock.instant().minus(delay);
        Instant to = request.to() == null || request.to().isAfter(latest) ? latest : request.to();
        Instant from = request.from() == null ? clock.instant().minus(properties.retention()) : request.from();
        if (!from.isBefore(to)) {
            throw invalidField("from", "must be before " + to + " (`to`, at most now minus the label delay), got "
                    + from);
        }
        return new Period(from, to);
    }

    private Written write(String model, Period period, FeatureSchema schema, long total, double valid, double test,
                          Path samples) throws IOException {
        long trainEnd = Math.round(total * (1 - valid - test));
        long validEnd = Math.round(total * (1 - test));
        List<String> header = new ArrayList<>();
        schema.features().forEach(feature -> header.add(feature.name()));
        header.add(schema.label());
        header.add(SPLIT_COLUMN);
        Written written = new Written();
        try (CsvWriter csv = new CsvWriter(new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(samples),
                StandardCharsets.UTF_8), 1 << 16))) {
            csv.writeRecord(header.toArray(String[]::new));
            long[] position = {0};
            impressions.forEachServed(model, period.from(), period.to(), row -> {
                long index = position[0]++;
                String split = index < trainEnd ? "train" : index < validEnd ? "valid" : "test";
                String[] record = record(schema, row, split);
                if (record == null) {
                    written.skipped++;
                    return;
                }
                try {
                    csv.writeRecord(record);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                written.count(row);
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return written;
    }

    /** The impression as a samples row, or null when it lacks a feature of the schema. */
    private static String[] record(FeatureSchema schema, ServedRow row, String split) {
        List<FeatureSpec> features = schema.features();
        String[] record = new String[features.size() + 2];
        for (int f = 0; f < features.size(); f++) {
            JsonNode value = row.features().get(features.get(f).name());
            if (value == null || value.isNull()) {
                return null;
            }
            record[f] = cell(features.get(f), value, schema.effectiveSequenceDelimiter());
        }
        record[features.size()] = Boolean.TRUE.equals(row.clicked()) ? "1" : "0";
        record[features.size() + 1] = split;
        return record;
    }

    /** A value as the samples file holds it: a sequence sent as a list is joined with the schema's delimiter. */
    private static String cell(FeatureSpec feature, JsonNode value, String delimiter) {
        if (feature.kind() == FeatureKind.SEQUENCE && value.isArray()) {
            List<String> items = new ArrayList<>(value.size());
            value.forEach(item -> items.add(item.asString()));
            return String.join(delimiter, items);
        }
        return value.asString();
    }

    private static ObjectNode origin(TrafficDatasetRequest request, Period period, Written written) {
        ObjectNode origin = JsonMapper.shared().createObjectNode();
        origin.put("kind", "build");
        origin.put("protocol", "IMPRESSIONS");
        origin.put("model", request.model());
        written.versions.forEach(origin.putArray("servedBy")::add);
        origin.put("from", period.from().toString());
        origin.put("to", period.to().toString());
        origin.put("labelDelay", request.effectiveLabelDelay().toString());
        origin.put("impressions", written.rows());
        origin.put("clicks", written.clicks);
        origin.put("reported", written.reported);
        origin.put("skipped", written.skipped);
        return origin;
    }


    private record Period(Instant from, Instant to) {
    }

    /** What went into the file. */
    private static final class Written {
        private final TreeSet<Integer> versions = new TreeSet<>();
        private long rows;
        private long clicks;
        private long reported;
        private long skipped;

        void count(ServedRow row) {
            rows++;
            versions.add(row.version());
            reported += row.clicked() == null ? 0 : 1;
            clicks += Boolean.TRUE.equals(row.clicked()) ? 1 : 0;
        }

        long rows() {
            return rows;
        }
    }
}
