package io.dinplatform.registry.model;

import java.util.List;

/**
 * Where an alias sends traffic: one or more weighted arms (in the order given; the first is the version the alias
 * names where one version is asked for) and, optionally, a shadow version that scores the same requests for the log
 * only.
 *
 * @param arms          at least one, each version once
 * @param shadowVersion the shadow's version number, or null
 */
public record AliasTarget(List<AliasArm> arms, Integer shadowVersion) {

    public AliasTarget {
        arms = List.copyOf(arms);
        if (arms.isEmpty()) {
            throw new IllegalArgumentException("an alias needs at least one arm");
        }
    }

    /** All of the traffic to one version, no shadow: what an alias always was. */
    public static AliasTarget single(int version) {
        return new AliasTarget(List.of(new AliasArm(version, AliasArm.WHOLE)), null);
    }

    /** The same arms with this shadow version. */
    public AliasTarget withShadow(Integer version) {
        return new AliasTarget(arms, version);
    }

    public boolean split() {
        return arms.size() > 1;
    }
}
