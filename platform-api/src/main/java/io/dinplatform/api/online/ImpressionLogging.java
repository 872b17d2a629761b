package io.dinplatform.api.online;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/**
 * A model's impression logging: the share of its requests logged.
 *
 * @param model      the registered model (in answers)
 * @param sampleRate 0 (off) to 1 (every request)
 * @param own        whether the model has a rate of its own (false: the platform's default applies)
 */
@Schema(example = "{\"sampleRate\": 0.1}")
public record ImpressionLogging(@Schema(accessMode = Schema.AccessMode.READ_ONLY) String model,
                                @NotNull @DecimalMin("0") @DecimalMax("1") Float sampleRate,
                                @Schema(accessMode = Schema.AccessMode.READ_ONLY) Boolean own) {
}
