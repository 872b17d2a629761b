package io.dinplatform.api.model;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /api/v1/models}: reserve a model name before its first version is trained. */
@Schema(example = "{\"name\": \"movielens-din\"}")
public record NewModel(@NotNull String name) {
}
