package io.dinplatform.api.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.dinplatform.api.error.FieldError;
import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.openapi.ProblemResponses;
import io.dinplatform.registry.token.ApiTokens;
import io.dinplatform.registry.token.IssuedToken;
import io.dinplatform.registry.token.TokenScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API tokens (admin scope): create one (its text is shown once), list them, revoke one. */
@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "Tokens", description = "API tokens with scopes read, write, predict and admin")
public class TokenController {

    private final ApiTokens tokens;
    private final TokenAuthenticator authenticator;

    TokenController(ApiTokens tokens, TokenAuthenticator authenticator) {
        this.tokens = tokens;
        this.authenticator = authenticator;
    }

    @PostMapping
    @Operation(operationId = "createToken",
            summary = "Create a token; the answer carries its text, which is never shown again")
    @ApiResponse(responseCode = "201", description = "The token with its text (token), shown this once",
            headers = @Header(name = "Location", description = "The token's address",
                    schema = @Schema(type = "string")))
    public ResponseEntity<TokenView> create(@Valid @RequestBody NewTokenRequest request) {
        IssuedToken issued = tokens.issue(request.name(), scopes(request.scopes()));
        // the one answer that carries a token's text: no cache, proxy or browser may keep it
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + issued.token().id()))
                .cacheControl(CacheControl.noStore()).body(TokenView.issued(issued));
    }

    @GetMapping
    @Operation(operationId = "listTokens",
            summary = "Every token, revoked ones included, newest first; never their texts")
    public List<TokenView> list() {
        return tokens.list().stream().map(TokenView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getToken", summary = "One token by its id")
    public TokenView token(@PathVariable String id) {
        return tokens.find(id).map(TokenView::of).orElseThrow(() -> notFound(id));
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "revokeToken",
            summary = "Revoke a token: it stops working at once (204, also when it was revoked before)")
    @ApiResponse(responseCode = "204", description = "The token is revoked")
    public ResponseEntity<Void> revoke(@PathVariable String id) {
        if (tokens.find(id).isEmpty()) {
            throw notFound(id);
        }
        tokens.revoke(id);
        authenticator.forgetVerifications();
        return ResponseEntity.noContent().build();
    }

    private static Set<TokenScope> scopes(List<String> labels) {
        Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            Optional<TokenScope> scope = TokenScope.parse(labels.get(i));
            if (scope.isPresent()) {
                scopes.add(scope.get());
            } else {
                errors.add(new FieldError("scopes[" + i + "]", "'" + abbreviate(labels.get(i))
                        + "' is not one of read, write, predict, admin"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors.get(0).field() + ": " + errors.get(0).reason(), errors);
        }
        return scopes;
    }

    private static String abbreviate(String text) {
        return text.length() <= 32 ? text : text.substring(0, 29) + "...";
    }

    private static ResourceNotFoundException notFound(String id) {
        return new ResourceNotFoundException("token '" + abbreviate(id) + "' does not exist");
    }
}
