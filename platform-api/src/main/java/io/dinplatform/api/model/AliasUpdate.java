package io.dinplatform.api.model;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;

/**
 * The body of {@code PUT /api/v1/models/{name}/aliases/{alias}}: where the alias sends traffic from now on, replacing
 * what it had. Either one {@code version} (all of the traffic), or weighted {@code versions} (a split: each request,
 * or predict instance, goes to the arm its user hashes to); either may come with a {@code shadow} version that scores
 * the same requests after they are answered, for the impression log only.
 *
 * @param version  the one version the alias points at
 * @param versions the arms of a split, in order (the first is the version the alias names where one is asked for)
 * @param shadow   a version, not one of the arms, that scores the alias's logged requests for comparison only
 */
@Schema(example = "{\"version\": 1}")
public record AliasUpdate(@Min(1) Integer version, List<WeightedVersion> versions, @Min(1) Integer shadow) {

    /** A single version: all of the alias's traffic, no shadow. */
    public AliasUpdate(Integer version) {
        this(version, null, null);
    }

    /**
     * One arm of a split.
     *
     * @param version the version
     * @param weight  its share of the traffic relative to the other arms' (e.g. 90 and 10), positive
     */
    @Schema(example = "{\"version\": 3, \"weight\": 90}")
    public record WeightedVersion(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Min(1) Integer version,
                                  @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Min(1) Integer weight) {
    }
}
