package io.dinplatform.api.batch;

import io.dinplatform.api.ResourceNames;
import io.dinplatform.api.run.TrainingRunRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /api/v1/batch-predictions}: a model version (by number or alias) scores every row of a
 * dataset version.
 *
 * @param model      the model that scores; without a version or alias, its {@code production} alias, else its newest
 *                version (as for online predictions)
 * @param dataset    the dataset version to score; without a version, the newest
 * @param partitions into how many partitions its rows are split, for any workers to score at once (1 to
 *                   {@code din.batch-predictions.max-partitions}); without it, one per
 *                   {@code din.batch-predictions.rows-per-partition} rows. The result is the same whatever the count
 */
@Schema(example = "{\"model\": {\"name\": \"movielens-din\", \"alias\": \"production\"}, \"dataset\": "
        + "{\"name\": \"movielens-100k\", \"version\": 1}, \"partitions\": 4}")
public record BatchPredictionRequest(@NotNull @Valid ModelSelector model,
                                     @NotNull @Valid TrainingRunRequest.DatasetSelector dataset,
                                     @Schema(description = "Into how many partitions the rows are split, for any "
                                             + "workers to score at once; the result is the same whatever the "
                                             + "count. Default: one per din.batch-predictions.rows-per-partition "
                                             + "rows", minimum = "1", example = "4") Integer partitions) {

    /** A model version by number or by alias (not both); resolved, and recorded, when the request is accepted. */
    public record ModelSelector(
            @NotNull @Pattern(regexp = ResourceNames.NAME_REGEX, message = "must be a valid model name") String name,
            @Min(1) Integer version,
            @Pattern(regexp = ResourceNames.ALIAS_REGEX, message = "must be a valid alias (lowercase letters, "
                    + "digits, '_' or '-', starting with a letter)") String alias) {
    }
}
