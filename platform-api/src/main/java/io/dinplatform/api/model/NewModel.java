package io.dinplatform.api.model;

import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /api/v1/models}: reserve a model name before its first version is trained. */
public record NewModel(@NotNull String name) {
}
