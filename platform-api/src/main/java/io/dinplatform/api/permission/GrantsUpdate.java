package io.dinplatform.api.permission;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code PUT .../grants}: every grant the resource is to have (the ones it had are replaced).
 *
 * @param grants the grants, at most {@value #MAX_GRANTS}
 */
@Schema(example = "{\"grants\": [{\"grantee\": \"group:ranking\", \"permission\": \"write\"}, "
        + "{\"grantee\": \"token:3f9a1c2b7d4e\", \"permission\": \"predict\"}]}")
public record GrantsUpdate(@NotNull @Size(max = MAX_GRANTS) List<@NotNull @Valid GrantView> grants) {

    static final int MAX_GRANTS = 200;
}
