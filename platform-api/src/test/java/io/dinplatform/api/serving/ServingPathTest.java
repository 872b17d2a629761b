package io.dinplatform.api.serving;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The serving body limit recognises its paths without a regular expression, exactly as this one would. */
class ServingPathTest {

    private static final Pattern DEFINITION = Pattern.compile(
            "/api/v1/models/[^/]+/(predict|rank)|/v2/models/[^/]+(/versions/[^/]+)?/infer");

    @Test
    void recognisesPredictRankAndInferWithEverySegmentPresent() {
        List<String> paths = List.of("/api/v1/models/m/predict", "/api/v1/models/m/rank",
                "/api/v1/models/a.b-c_1/predict", "/api/v1/models//predict", "/api/v1/models/m/predicts",
                "/api/v1/models/m/x/predict", "/api/v1/models/predict", "/api/v1/models/m/rank/",
                "/api/v1/models/m", "/api/v1/models/", "/api/v1/datasets/d/predict", "/v2/models/m/infer",
                "/v2/models/m/versions/3/infer", "/v2/models/m/versions/production/infer", "/v2/models//infer",
                "/v2/models/m/versions//infer", "/v2/models/m/versions/infer", "/v2/models/m/versions/1/2/infer",
                "/v2/models/m/other/1/infer", "/v2/models/m/infer/", "/v2/models/infer", "/v2/models/m/ready",
                "/v2/models/m/versionsX/1/infer", "/v2/models/m/x/infer", "/predict", "", "/");
        for (String path : paths) {
            assertThat(RequestBodyLimitFilter.isServingPath(path)).as(path)
                    .isEqualTo(DEFINITION.matcher(path).matches());
        }
        assertThat(paths.stream().filter(RequestBodyLimitFilter::isServingPath)).hasSize(6);
    }
}
