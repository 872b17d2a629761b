package io.dinplatform.api.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.dinplatform.api.error.FieldError;
import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.permission.ResourceAccess;
import io.dinplatform.registry.permission.Permission;
import io.dinplatform.registry.run.MetricPoint;
import io.dinplatform.registry.run.RunMetricRepository;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.registry.run.TrainingRunRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A training run's metric history: what its worker measured, kept after the run ended, for curves and comparisons.
 */
@RestController
@Tag(name = "Training runs")
public class RunMetricsController {

    static final int MAX_POINTS = 10_000;

    private static final Pattern METRIC_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._]{0,63}");

    private final TrainingRunRepository runs;
    private final RunMetricRepository metrics;

    private final ResourceAccess access;

    public RunMetricsController(TrainingRunRepository runs, RunMetricRepository metrics, ResourceAccess access) {
        this.access = access;
        this.runs = runs;
        this.metrics = metrics;
    }

    @GetMapping("/api/v1/training-runs/{id}/metrics")
    @Operation(operationId = "getTrainingRunMetrics", summary = "A run's metric history (train.loss, train.learningRate, train.samplesPerSecond, "
            + "epoch.trainLoss, valid.auc, valid.gauc, valid.logloss), each series thinned to maxPoints keeping the "
            + "first, the last and each bucket's minimum and maximum")
    public RunMetricsView history(
            @PathVariable UUID id,
            @Parameter(description = "the metrics to return (all that the run recorded when left out); a name the "
                    + "run has not recorded (yet) is an empty series")
            @RequestParam(required = false) List<String> names,
            @RequestParam(defaultValue = "1000") @Min(MetricDownsampling.MIN_POINTS) @Max(MAX_POINTS) int maxPoints) {
        List<String> asked = names == null ? List.of() : names.stream().distinct().toList();
        rejectMalformed(asked);
        TrainingRun run = runs.find(id).orElseThrow(() -> notFound(id));
        access.requireOnModelOf(run.modelName(), Permission.READ, () -> notFound(id));
        Map<String, List<MetricPoint>> byName = new LinkedHashMap<>();
        asked.forEach(name -> byName.put(name, List.of()));
        byName.putAll(metrics.history(id, asked).stream()
                .collect(Collectors.groupingBy(MetricPoint::name, LinkedHashMap::new, Collectors.toList())));
        return new RunMetricsView(id, byName.entrySet().stream()
                .map(series -> new RunMetricsView.Series(series.getKey(), series.getValue().size(),
                        MetricDownsampling.downsample(series.getValue(), maxPoints).stream()
                                .map(RunMetricsView.Point::of).toList()))
                .toList());
    }

    private static void rejectMalformed(List<String> names) {
        List<FieldError> errors = names.stream().filter(name -> !METRIC_NAME.matcher(name).matches())
                .map(name -> new FieldError("names", "'" + name + "' is not a metric name (a letter, then up to 63 "
                        + "letters, digits, dots or underscores)"))
                .toList();
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("names: " + errors.get(0).reason(), errors);
        }
    }

    private static ResourceNotFoundException notFound(UUID id) {
        return new ResourceNotFoundException("training run " + id + " does not exist");
    }
}
