package io.dinplatform.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest JSON body of the API's other requests ({@code din.api.max-body-size}): run requests, aliases, tokens.
 * They are small documents; the limit keeps a client from making the server parse megabytes of them. Predict and
 * rank bodies have {@code din.serving.max-body-size}, uploads {@code din.datasets.max-upload-size}.
 */
@ConfigurationProperties("din.api")
public record ApiBodyLimit(@DefaultValue("1MB") DataSize maxBodySize) {

    public ApiBodyLimit {
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("din.api.max-body-size must be positive, got " + maxBodySize);
        }
    }
}
