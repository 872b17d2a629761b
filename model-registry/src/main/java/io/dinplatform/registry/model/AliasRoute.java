package io.dinplatform.registry.model;

import java.util.List;

/**
 * An alias as serving reads it: the versions of its arms with their weights, and its shadow version.
 *
 * @param alias  the alias's name
 * @param arms   at least one, in the order they were given
 * @param shadow the shadow version, or null
 */
public record AliasRoute(String alias, List<Arm> arms, ModelVersion shadow) {

    public AliasRoute {
        arms = List.copyOf(arms);
    }

    /** The version the alias names where one version is asked for (its first arm). */
    public ModelVersion primary() {
        return arms.get(0).version();
    }

    /** Whether the alias is more than one version at full weight with no shadow. */
    public boolean splitOrShadowed() {
        return arms.size() > 1 || shadow != null;
    }

    /**
     * @param version the arm's version
     * @param weight  its share of the alias's traffic, relative to the other arms
     */
    public record Arm(ModelVersion version, int weight) {
    }
}
