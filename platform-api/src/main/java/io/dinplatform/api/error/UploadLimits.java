package io.dinplatform.api.error;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest dataset file (or raw log) an upload may carry ({@code din.datasets.max-upload-size}). The servlet
 * container enforces it while receiving (the multipart limits are set from it in application.properties); this
 * record lets the 413 answer name it.
 */
@ConfigurationProperties("din.datasets")
public record UploadLimits(@DefaultValue("2GB") DataSize maxUploadSize) {
}
