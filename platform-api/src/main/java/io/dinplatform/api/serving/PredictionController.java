package io.dinplatform.api.serving;

import java.io.IOException;

import io.dinplatform.api.openapi.ProblemResponses;
import io.dinplatform.api.permission.PredictPermissions;
import io.dinplatform.api.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;

/** Online click-through-rate predictions from registered models. */
@RestController
@RequestMapping("/api/v1/models/{name}")
@Tag(name = "Predictions", description = "Online CTR predictions, rankings and attention explanations")
public class PredictionController {

    private static final String VERSION_HELP = "a version number or 'latest'; by default the 'production' alias, "
            + "else the newest version";
    private static final String ALIAS_HELP = "an alias such as 'production' (not together with version)";

    private final PredictionService predictions;
    private final PredictPermissions permissions;

    public PredictionController(PredictionService predictions, PredictPermissions permissions) {
        this.predictions = predictions;
        this.permissions = permissions;
    }

    @PostMapping(value = "/predict", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
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
                                      @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                                              content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                                      schema = @Schema(implementation = PredictionRequest.class)))
                                      @RequestBody byte[] body,
                                      HttpServletRequest servletRequest) throws IOException {
        permissions.require(Caller.current(), name);
        // The body is parsed once the model is known, straight into its encoded rows (see PredictionBodyReader).
        return readingTheBody(servletRequest, () -> predictions.predict(name, version, alias, body));
    }

    @PostMapping(value = "/rank", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
    @Operation(operationId = "rank",
            summary = "The top K of many candidates for one user; the user side is computed once")
    @ApiResponse(responseCode = "200", description = "The top K candidates, best first")
    @ApiResponse(responseCode = "429", ref = ProblemResponses.TOO_MANY_REQUESTS)
    public RankResponse rank(@PathVariable String name,
                             @Parameter(description = VERSION_HELP) @RequestParam(required = false) String version,
                             @Parameter(description = ALIAS_HELP) @RequestParam(required = false) String alias,
                             @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                                     content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                             schema = @Schema(implementation = RankRequest.class)))
                             @RequestBody byte[] body,
                             HttpServletRequest servletRequest) throws IOException {
        permissions.require(Caller.current(), name);
        // As predict: the candidates are read straight into the model's rows (see RankBodyReader).
        return readingTheBody(servletRequest, () -> predictions.rank(name, version, alias, body));
    }

    /** What the service does with a raw body. */
    @FunctionalInterface
    private interface BodyHandler<T> {
        T handle() throws IOException;
    }

    /** Runs the handler; a body it could not read is answered as Spring answers an unreadable bound body. */
    private static <T> T readingTheBody(HttpServletRequest servletRequest, BodyHandler<T> handler)
            throws IOException {
        try {
            return handler.handle();
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException("JSON parse error: " + e.getOriginalMessage(), e,
                    new ServletServerHttpRequest(servletRequest));
        } catch (PredictionService.MissingBodyException e) {
            throw new HttpMessageNotReadableException("Required request body is missing",
                    new ServletServerHttpRequest(servletRequest));
        }
    }
}
