package io.dinplatform.api.security;

import java.util.Optional;

import io.dinplatform.registry.token.TokenScope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequiredScopeTest {

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource({
            "GET,    /api/v1/datasets,                         read",
            "HEAD,   /api/v1/models/m,                         read",
            "GET,    /api/v1/training-runs/1/events,           read",
            "POST,   /api/v1/datasets,                         write",
            "POST,   /api/v1/datasets/builds,                  write",
            "POST,   /api/v1/training-runs,                    write",
            "POST,   /api/v1/training-runs/1/cancel,           write",
            "PUT,    /api/v1/models/m/aliases/production,      write",
            "DELETE, /api/v1/models/m/aliases/production,      write",
            "POST,   /api/v1/batch-predictions,                write",
            "PATCH,  /api/v1/anything,                         write",
            "POST,   /actuator/shutdown,                       write",
            "POST,   /,                                        write",
            "POST,   /api/v1/models/m/predict,                 predict",
            "POST,   /api/v1/models/m/rank,                    predict",
            "POST,   /api/v1/feedback,                         predict",
            "GET,    /api/v1/feedback,                         read",
            "PUT,    /api/v1/models/m/impression-logging,      write",
            "GET,    /api/v1/models/m/predict,                 read",
            "POST,   /api/v1/models/m/predict/x,               write",
            "GET,    /api/v1/tokens,                           admin",
            "POST,   /api/v1/tokens,                           admin",
            "DELETE, /api/v1/tokens/abc,                       admin",
            "GET,    /api/v1/audit,                            admin",
            "GET,    /api/v1/auth/oidc,                        open",
            "POST,   /api/v1/auth/oidc,                        write",
            "GET,    /api/v1/auth/other,                       read",
            "GET,    /,                                        open",
            "GET,    /assets/index.js,                         open",
            "GET,    /actuator/health,                         open",
            "GET,    /v3/api-docs,                             open",
            "GET,    /v2/health/ready,                         open",
            "GET,    /v2,                                      open",
            "GET,    /v2/models/m,                             predict",
            "GET,    /v2/models/m/versions/production/ready,   predict",
            "POST,   /v2/models/m/versions/2/infer,            predict",
            "POST,   /v2/health/live,                          write",
            "DELETE, /v2/models/m,                             write",
    })
    void eachRequestNeedsOneScope(String method, String path, String expected) {
        Optional<TokenScope> scope = RequiredScope.of(method, path);

        assertThat(scope.map(TokenScope::label).orElse("open")).isEqualTo(expected);
    }
}
