package io.dinplatform.api.serving.split;

import java.util.List;

import io.dinplatform.api.serving.cache.ServedVersion;

/**
 * Where a request selector sends traffic: one version, or an alias's weighted arms, and the alias's shadow version.
 * A request (or, for predict, each instance) is assigned an arm by its group id ({@link ArmHash}), so that a user
 * stays with one version for as long as the split is unchanged.
 *
 * @param alias  the alias that was resolved, null when the selector named a version
 * @param arms   at least one; weights are relative to their sum
 * @param shadow the version that also scores the requests for the log, or null
 */
public record ServedRoute(String alias, List<Arm> arms, ServedVersion shadow) {

    public ServedRoute {
        arms = List.copyOf(arms);
        if (arms.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one arm");
        }
    }

    /** All traffic to one version, no shadow. */
    public static ServedRoute of(ServedVersion version) {
        return new ServedRoute(null, List.of(new Arm(version, 1)), null);
    }

    /** The version that answers where one version is asked for (metadata, readiness), and a split's first arm. */
    public ServedVersion primary() {
        return arms.get(0).version();
    }

    public boolean split() {
        return arms.size() > 1;
    }

    /**
     * The arm a group id falls into. Without a group id (the request carries no value of the schema's group feature)
     * the first arm answers: such requests cannot be kept sticky, and their impressions cannot count for GAUC.
     */
    public ServedVersion assign(String groupId) {
        if (!split() || groupId == null) {
            return primary();
        }
        long bucket = ArmHash.bucket(primary().model(), alias, groupId, totalWeight());
        for (Arm arm : arms) {
            bucket -= arm.weight();
            if (bucket < 0) {
                return arm.version();
            }
        }
        throw new IllegalStateException("bucket beyond the total weight");
    }

    private long totalWeight() {
        long total = 0;
        for (Arm arm : arms) {
            total += arm.weight();
        }
        return total;
    }

    /**
     * @param version the version of the arm
     * @param weight  its share of the traffic, relative to the other arms (positive)
     */
    public record Arm(ServedVersion version, int weight) {
    }
}
