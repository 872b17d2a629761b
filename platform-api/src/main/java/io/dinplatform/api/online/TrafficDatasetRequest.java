package io.dinplatform.api.online;

import java.time.Duration;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code POST /api/v1/datasets/builds/impressions}: a samples dataset built from what a model served and
 * what users did with it.
 *
 * @param name          the dataset to create the next version of
 * @param model         the registered model whose impressions become samples
 * @param from          the first serving time included; default: the retention's start
 * @param to            the end of the serving times included (exclusive); default and at most: now minus the label
 *                      delay, so that every impression had its time to be clicked
 * @param labelDelay    how long after an impression a missing click counts as no click (ISO 8601, e.g. PT1H);
 *                      default one hour
 * @param validFraction the newest impressions but the test ones that form the validation split (default 0.1)
 * @param testFraction  the newest impressions, which form the test split (default 0.1)
 */
@Schema(example = "{\"name\": \"movielens-served\", \"model\": \"movielens-din\", \"labelDelay\": \"PT1H\"}")
public record TrafficDatasetRequest(@NotNull String name, @NotNull String model,
                                    Instant from, Instant to, Duration labelDelay,
                                    @DecimalMin("0") @DecimalMax("0.9") Double validFraction,
                                    @DecimalMin("0") @DecimalMax("0.9") Double testFraction) {

    static final Duration DEFAULT_LABEL_DELAY = Duration.ofHours(1);
    static final double DEFAULT_FRACTION = 0.1;

    Duration effectiveLabelDelay() {
        return labelDelay == null ? DEFAULT_LABEL_DELAY : labelDelay;
    }

    double effectiveValidFraction() {
        return validFraction == null ? DEFAULT_FRACTION : validFraction;
    }

    double effectiveTestFraction() {
        return testFraction == null ? DEFAULT_FRACTION : testFraction;
    }
}
