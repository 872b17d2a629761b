package io.dinplatform.api.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.dinplatform.registry.model.AliasArm;
import io.dinplatform.registry.model.AliasTarget;

import static io.dinplatform.api.error.InvalidRequestException.invalidField;

/** Checks an alias PUT body and turns it into the registry's {@link AliasTarget}; a bad body is a 400 naming its field. */
final class AliasTargets {

    /** The most arms one alias may be split over. */
    static final int MAX_ARMS = 10;
    /** The largest weight of one arm (weights are shares: 90 and 10, or 9 and 1). */
    static final int MAX_WEIGHT = 1_000_000;

    private AliasTargets() {
    }

    static AliasTarget of(AliasUpdate update) {
        if (update.version() != null && update.versions() != null) {
            throw invalidField("versions", "give either version or versions, not both");
        }
        List<AliasArm> arms = update.versions() == null ? single(update.version()) : weighted(update.versions());
        Integer shadow = update.shadow();
        if (shadow != null) {
            requirePositive("shadow", shadow);
            for (AliasArm arm : arms) {
                if (arm.version() == shadow) {
                    throw invalidField("shadow", "version " + shadow + " is already an arm of the alias; a shadow "
                            + "scores for the log what another version answers");
                }
            }
        }
        return new AliasTarget(arms, shadow);
    }

    private static List<AliasArm> single(Integer version) {
        if (version == null) {
            throw invalidField("version", "required: the version the alias points at (or weighted versions)");
        }
        requirePositive("version", version);
        return List.of(new AliasArm(version, AliasArm.WHOLE));
    }

    private static List<AliasArm> weighted(List<AliasUpdate.WeightedVersion> versions) {
        if (versions.isEmpty()) {
            throw invalidField("versions", "required: at least one weighted version");
        }
        if (versions.size() > MAX_ARMS) {
            throw invalidField("versions", versions.size() + " given but an alias takes at most " + MAX_ARMS);
        }
        List<AliasArm> arms = new ArrayList<>(versions.size());
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < versions.size(); i++) {
            String field = "versions[" + i + "]";
            AliasUpdate.WeightedVersion arm = versions.get(i);
            if (arm == null) {
                throw invalidField(field, "expected an object with version and weight, got null");
            }
            if (arm.version() == null) {
                throw invalidField(field + ".version", "required");
            }
            requirePositive(field + ".version", arm.version());
            if (arm.weight() == null) {
                throw invalidField(field + ".weight", "required: the arm's share of the traffic");
            }
            if (arm.weight() < 1 || arm.weight() > MAX_WEIGHT) {
                throw invalidField(field + ".weight", "must be a positive share of at most " + MAX_WEIGHT + ", got "
                        + arm.weight());
            }
            if (!seen.add(arm.version())) {
                throw invalidField(field + ".version", "version " + arm.version() + " is already an arm");
            }
            arms.add(new AliasArm(arm.version(), arm.weight()));
        }
        return arms;
    }

    private static void requirePositive(String field, int version) {
        if (version < 1) {
            throw invalidField(field, "must be at least 1, got " + version);
        }
    }
}
