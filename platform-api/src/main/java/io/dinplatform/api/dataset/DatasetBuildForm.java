package io.dinplatform.api.dataset;

import io.dinplatform.core.data.builders.BuildOptions;
import io.dinplatform.core.data.builders.BuildProtocol;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.multipart.MultipartFile;

/**
 * The multipart form of {@code POST /api/v1/datasets/builds}: the two files and flat fields, bound by name (and so
 * described as they are read in the OpenAPI document); omitted options take din-core's defaults (rating threshold
 * 4, history 50, seed 42, users split 80/10/10).
 *
 * @param interactions    the raw interaction log (MovieLens u.data, or a CSV of user, item, rating, time)
 * @param items           the items file (MovieLens u.item, or a CSV of item and category)
 * @param name            the dataset to create the next version of
 * @param protocol        RATING_THRESHOLD (MovieLens) or NEXT_ITEM (Amazon)
 * @param format          MOVIELENS (default) or CSV
 * @param ratingThreshold RATING_THRESHOLD: the lowest rating that counts as a click
 * @param maxLength       the number of newest history items kept
 * @param seed            drives the split and negative sampling
 * @param validFraction   RATING_THRESHOLD: share of users in the validation split
 * @param testFraction    RATING_THRESHOLD: share of users in the test split
 */
@Schema(example = "{\"name\": \"movielens-100k\", \"protocol\": \"RATING_THRESHOLD\", \"interactions\": \"(u.data)\", "
        + "\"items\": \"(u.item)\"}")
public record DatasetBuildForm(
        @NotNull MultipartFile interactions,
        @NotNull MultipartFile items,
        @NotNull String name,
        @NotNull BuildProtocol protocol,
        RawLogFormat format,
        Double ratingThreshold,
        @Min(1) @Max(1000) Integer maxLength,
        Long seed,
        @DecimalMin("0") @DecimalMax("0.9") Double validFraction,
        @DecimalMin("0") @DecimalMax("0.9") Double testFraction) {

    public RawLogFormat effectiveFormat() {
        return format == null ? RawLogFormat.MOVIELENS : format;
    }

    /** din-core's options; its constructor checks the combination (e.g. fractions leaving users for training). */
    public BuildOptions toOptions() {
        BuildOptions defaults = BuildOptions.defaults(protocol);
        return new BuildOptions(protocol,
                ratingThreshold == null ? defaults.ratingThreshold() : ratingThreshold,
                maxLength == null ? defaults.maxLength() : maxLength,
                seed == null ? defaults.seed() : seed,
                validFraction == null ? defaults.validFraction() : validFraction,
                testFraction == null ? defaults.testFraction() : testFraction);
    }
}
