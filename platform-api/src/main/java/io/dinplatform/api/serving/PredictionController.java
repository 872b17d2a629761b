package io.dinplatform.api.serving;

import java.io.IOException;

import io.dinplatform.api.openapi.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Online click-through-rate predictions from registered models. */
@RestController
@RequestMapping("/api/v1/models/{name}")
@Tag(name = "Predictions", description = "Online CTR predictions, rankings and attention explanations")
public class PredictionController {

    private static final String VERSION_HELP = "a version number or 'latest'; by default the 'production' alias, "
            + "else the newest version";
    private static final String ALIAS_HELP = "an alias such as 'production' (not together with version)";

    private final PredictionService predictions;

    public PredictionController(PredictionService predictions) {
        this.predictions = predictions;
    }

    @PostMapping("/predict")
    @Operation(operationId = "predict",
            summary = "Click probabilities of raw instances; with explain, each history item's attention weight "
            + "(DIN only: a base model answers 400). 429 with Retry-After when the model's queue is full")
    @ApiResponse(responseCode = "200", description = "One probability per instance, in order")
    @ApiResponse(responseCode = "429", ref = ProblemResponses.TOO_MANY_REQUESTS)
    public PredictionResponse predict(@PathVariable String name,
                                      @Parameter(description = VERSION_HELP) @RequestParam(required = false)
                                      String version,
                                      @Parameter(description = ALIAS_HELP) @RequestParam(required = false)
                                      String alias,
                                      @RequestBody PredictionRequest request) throws IOException {
        return predictions.predict(name, version, alias, request);
    }

    @PostMapping("/rank")
    @Operation(operationId = "rank",
            summary = "The top K of many candidates for one user; the user side is computed once")
    @ApiResponse(responseCode = "200", description = "The top K candidates, best first")
    @ApiResponse(responseCode = "429", ref = ProblemResponses.TOO_MANY_REQUESTS)
    public RankResponse rank(@PathVariable String name,
                             @Parameter(description = VERSION_HELP) @RequestParam(required = false) String version,
                             @Parameter(description = ALIAS_HELP) @RequestParam(required = false) String alias,
                             @RequestBody RankRequest request) throws IOException {
        return predictions.rank(name, version, alias, request);
    }
}
