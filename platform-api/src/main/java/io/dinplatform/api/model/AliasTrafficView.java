package io.dinplatform.api.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dinplatform.registry.model.AliasRoute;

/**
 * Where an alias sends traffic: its weighted arms and its shadow version.
 *
 * @param arms   the versions with their weights, in order; one at weight 100 for an alias that is not split
 * @param shadow the version that scores the alias's requests for the log only; absent when there is none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AliasTrafficView(List<Arm> arms, Integer shadow) {

    static AliasTrafficView of(AliasRoute route) {
        return new AliasTrafficView(route.arms().stream()
                .map(arm -> new Arm(arm.version().version(), arm.weight())).toList(),
                route.shadow() == null ? null : route.shadow().version());
    }

    /**
     * @param version the arm's version
     * @param weight  its share relative to the other arms'
     */
    public record Arm(int version, int weight) {
    }
}
