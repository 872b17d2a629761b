package io.dinplatform.api.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

import io.dinplatform.api.ResourceNames;
import io.dinplatform.api.run.TrainingRunRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /api/v1/sweeps}: a base run request and the fields to search.
 *
 * @param base          the run request every trial starts from (its {@code promoteAlias} must be left out: the sweep
 *                      promotes its best trial once, with its own {@code promoteAlias})
 * @param space         the fields to search, by path in the run request ({@code training.optimizer.learningRate},
 *                      {@code architecture.embeddingDim}), each with the values it may take
 * @param algorithm     RANDOM (default), GRID or TPE
 * @param maxTrials     how many trials at most (default 10)
 * @param parallelism   how many trials may be queued or running at once (default 2)
 * @param objective     the validation metric to optimise (default VALID_GAUC)
 * @param earlyStopping MEDIAN (default) or NONE
 * @param promoteAlias  an alias to move to the best trial's version when the sweep ends; optional
 * @param seed          seeds the search (default 0): the same sweep suggests the same parameters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepRequest(
        @NotNull @Valid TrainingRunRequest base,
        @NotEmpty Map<String, ParameterSpace> space,
        SearchAlgorithm algorithm,
        @Min(1) @Max(SweepRequest.MAX_TRIALS) Integer maxTrials,
        @Min(1) @Max(SweepRequest.MAX_PARALLELISM) Integer parallelism,
        SweepObjective objective,
        EarlyStopping earlyStopping,
        @Pattern(regexp = ResourceNames.ALIAS_REGEX, message = "must be a valid alias (1 to 64 lowercase letters, "
                + "digits, '_' or '-', starting with a letter)") String promoteAlias,
        Long seed) {

    public static final int MAX_TRIALS = 500;
    public static final int MAX_PARALLELISM = 64;

    /** The request with every default filled in, as the sweep stores it. */
    public SweepRequest withDefaults() {
        return new SweepRequest(base, space, algorithm == null ? SearchAlgorithm.RANDOM : algorithm,
                maxTrials == null ? 10 : maxTrials, parallelism == null ? 2 : parallelism,
                objective == null ? SweepObjective.VALID_GAUC : objective,
                earlyStopping == null ? EarlyStopping.MEDIAN : earlyStopping, promoteAlias, seed == null ? 0 : seed);
    }
}
