package io.dinplatform.api.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dinplatform.api.openapi.ProblemResponses;
import io.dinplatform.registry.token.TokenScope;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The API tokens in the OpenAPI document: the bearer scheme, and on each operation the scope it needs, taken from
 * {@link RequiredScope} (the rules the security filter chain applies, so the document cannot disagree with them) as
 * the extension {@code x-required-scope} and a sentence of its description, with the 401 and 403 it answers without
 * a token or the scope. An operation open to anyone (none under /api/ by default) has no security requirement.
 */
class ScopeDocumentation implements OpenApiCustomizer {

    static final String SCHEME = "bearer";
    static final String EXTENSION = "x-required-scope";

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("An API token (din_...), or with single sign-on on "
                        + "(din.security.oidc.issuer-uri) a JWT access token of the issuer, with the scope the "
                        + "operation needs: read, write, predict or admin (see each operation's x-required-scope)"));
        api.addSecurityItem(new SecurityRequirement().addList(SCHEME));
        if (api.getPaths() != null) {
            api.getPaths().forEach(ScopeDocumentation::describeScopes);
        }
    }

    private static void describeScopes(String path, PathItem item) {
        for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
            Operation operation = entry.getValue();
            Optional<TokenScope> scope = RequiredScope.of(entry.getKey().name(), path);
            if (scope.isEmpty()) {
                operation.setSecurity(List.of());
                continue;
            }
            String label = scope.get().label();
            operation.addExtension(EXTENSION, label);
            String needs = "Needs a token with scope `" + label + "`.";
            operation.setDescription(operation.getDescription() == null ? needs
                    : operation.getDescription() + "\n\n" + needs);
            ProblemResponses.add(operation.getResponses(), "401", ProblemResponses.UNAUTHORIZED);
            ProblemResponses.add(operation.getResponses(), "403", ProblemResponses.FORBIDDEN);
        }
    }
}
