package io.dinplatform.api.security;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tokens}.
 *
 * @param name   what the token is for, e.g. {@code ci pipeline}: letters, digits, spaces and {@code ._:@/-}
 * @param scopes any of {@code read}, {@code write}, {@code predict}, {@code admin}
 */
@Schema(example = "{\"name\": \"scoring service\", \"scopes\": [\"predict\"]}")
public record NewTokenRequest(
        @Schema(description = "1 to 128 letters (of any script), digits, spaces or '._:@/-', starting with a letter "
                + "or digit")
        @NotNull @Pattern(regexp = NAME_REGEX, message = "must be 1 to 128 letters, digits, spaces or '._:@/-', "
                + "starting with a letter or digit") String name,
        @NotEmpty @Size(max = 4) List<@NotNull String> scopes) {

    static final String NAME_REGEX = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._:@/-]{0,127}";
}
