package io.dinplatform.api.model;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The body of {@code PUT /api/v1/models/{name}/aliases/{alias}}: the version the alias points at from now on. */
@Schema(example = "{\"version\": 1}")
public record AliasUpdate(@NotNull @Min(1) Integer version) {
}
