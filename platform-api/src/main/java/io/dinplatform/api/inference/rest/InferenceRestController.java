package io.dinplatform.api.inference.rest;

import java.io.IOException;

import io.dinplatform.api.inference.InferenceService;
import io.dinplatform.api.inference.ModelMetadata;
import io.dinplatform.api.inference.ServerMetadata;
import io.dinplatform.api.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Open Inference Protocol (v2) over REST, for the clients of KServe and Triton. Health answers 200 for true and
 * 400 for false with an empty body, as the protocol says; errors are {@code {"error": "..."}}.
 */
@RestController
@RequestMapping(path = "/v2", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Open Inference Protocol", description = "KServe's and Triton's v2 inference protocol: tensors in, "
        + "score and attention tensors out (see the README for how features map to tensors)")
public class InferenceRestController {

    private static final String VERSION_HELP = "a version number, 'latest', or an alias such as 'production'";

    private final InferenceService inference;

    public InferenceRestController(InferenceService inference) {
        this.inference = inference;
    }

    @GetMapping
    @Operation(summary = "The server's name, version and protocol extensions")
    @ApiResponse(responseCode = "200", description = "The server metadata")
    @ApiResponse(responseCode = "406", description = "The Accept header rules out JSON, the only form of the answer",
            content = @Content)
    public ServerMetadata server() {
        return inference.serverMetadata();
    }

    @GetMapping("/health/live")
    @Operation(summary = "Whether the server is live: 200, else 400 (empty bodies)")
    @ApiResponse(responseCode = "200", description = "Live", content = @Content)
    @ApiResponse(responseCode = "400", description = "Not live", content = @Content)
    public ResponseEntity<Void> live() {
        return health(inference.live());
    }

    @GetMapping("/health/ready")
    @Operation(summary = "Whether the server accepts inference requests: 200, else 400 (empty bodies)")
    @ApiResponse(responseCode = "200", description = "Ready", content = @Content)
    @ApiResponse(responseCode = "400", description = "Not ready", content = @Content)
    public ResponseEntity<Void> ready() {
        return health(inference.ready());
    }

    @GetMapping({"/models/{name}", "/models/{name}/versions/{version}"})
    @Operation(summary = "A model version's inputs (one per feature) and outputs; without a version, the "
            + "'production' alias, else the newest version")
    @ApiResponse(responseCode = "200", description = "The model metadata")
    @ApiResponse(responseCode = "400", description = "A malformed name or version",
            content = @Content(schema = @Schema(implementation = InferenceError.class)))
    @ApiResponse(responseCode = "404", description = "No such model or version",
            content = @Content(schema = @Schema(implementation = InferenceError.class)))
    @ApiResponse(responseCode = "503", description = "The version's bundle is corrupt",
            content = @Content(schema = @Schema(implementation = InferenceError.class)))
    public ModelMetadata model(@PathVariable String name,
                               @Parameter(description = VERSION_HELP) @PathVariable(required = false)
                               String version) throws IOException {
        return inference.modelMetadata(Caller.current(), name, version);
    }

    @GetMapping({"/models/{name}/ready", "/models/{name}/versions/{version}/ready"})
    @Operation(summary = "Whether a model version can answer now: 200, else 400 (empty bodies); 404 when it does "
            + "not exist")
    @ApiResponse(responseCode = "200", description = "Ready", content = @Content)
    @ApiResponse(responseCode = "400", description = "Not ready (its bundle is corrupt)", content = @Content)
    @ApiResponse(responseCode = "404", description = "No such model or version",
            content = @Content(schema = @Schema(implementation = InferenceError.class)))
    public ResponseEntity<Void> modelReady(@PathVariable String name,
                                           @Parameter(description = VERSION_HELP) @PathVariable(required = false)
                                           String version) throws IOException {
        return health(inference.modelReady(Caller.current(), name, version));
    }

    @PostMapping(path = {"/models/{name}/infer", "/models/{name}/versions/{version}/infer"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Click probabilities of the instances the input tensors hold; attention weights too with "
            + "the output 'attention' or the parameter explain (DIN only)")
    @ApiResponse(responseCode = "200", description = "The outputs")
    @ApiResponse(responseCode = "400", description = "A tensor that does not fit the model, or too many instances",
            content = @Content(schema = @Schema(implementation = InferenceError.class)))
    @ApiResponse(responseCode = "404", description = "No such model or version",
            content = @Content(schema = @Schema(implementation = InferenceError.class)))
    @ApiResponse(responseCode = "429", description = "The version's queue is full; retry after Retry-After",
            content = @Content(schema = @Schema(implementation = InferenceError.class)))
    @ApiResponse(responseCode = "503", description = "The version's bundle is corrupt",
            content = @Content(schema = @Schema(implementation = InferenceError.class)))
    public RestInferResponse infer(@PathVariable String name,
                                   @Parameter(description = VERSION_HELP) @PathVariable(required = false)
                                   String version,
                                   @RequestBody RestInferRequest request) throws IOException {
        return RestInferResponse.of(inference.infer(Caller.current(), name, version, JsonTensors.request(request)));
    }

    private static ResponseEntity<Void> health(boolean healthy) {
        return healthy ? ResponseEntity.ok().build() : ResponseEntity.badRequest().build();
    }
}
