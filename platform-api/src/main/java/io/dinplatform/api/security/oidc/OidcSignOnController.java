package io.dinplatform.api.security.oidc;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sign-on settings the dashboard reads before anyone signs in, so open to anyone: they name the issuer and a
 * public client, nothing secret.
 */
@RestController
@Tag(name = "Tokens")
public class OidcSignOnController {

    public static final String PATH = "/api/v1/auth/oidc";

    private final OidcSignOnView view;

    OidcSignOnController(OidcProperties properties) {
        this.view = OidcSignOnView.of(properties);
    }

    @GetMapping(PATH)
    @Operation(operationId = "getSingleSignOn", summary = "Whether and how the dashboard signs in through an "
            + "OpenID Connect issuer (authorization code with PKCE); open to anyone")
    public OidcSignOnView singleSignOn() {
        return view;
    }
}
