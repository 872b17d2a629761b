package io.dinplatform.core.bundle;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON mapper of bundle entries: unknown properties fail, so that a newer bundle is not half read. */
final class BundleJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private BundleJson() {
    }
}
