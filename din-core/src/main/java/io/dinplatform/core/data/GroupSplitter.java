package io.dinplatform.core.data;

import java.nio.charset.StandardCharsets;

/**
 * Assigns whole groups (by default users) to a split by a seeded hash of the group value, so that no user is in two
 * splits, the assignment needs no second pass over the data, and the same seed gives the same split on any machine.
 *
 * @param seed           changes which groups land where
 * @param validFraction  the expected share of groups in {@link Split#VALID}
 * @param testFraction   the expected share of groups in {@link Split#TEST}
 */
public record GroupSplitter(long seed, double validFraction, double testFraction) {

    /** 80/10/10 by user, seed 42. */
    public static final GroupSplitter DEFAULT = new GroupSplitter(42, 0.1, 0.1);

    public GroupSplitter {
        if (!(validFraction >= 0 && testFraction >= 0 && validFraction + testFraction <= 1)) {
            throw new IllegalArgumentException("validFraction and testFraction must be >= 0 and sum to at most 1, got "
                    + validFraction + " and " + testFraction);
        }
    }

    public Split splitOf(String group) {
        double u = uniform(group);
        if (u < testFraction) {
            return Split.TEST;
        }
        return u < testFraction + validFraction ? Split.VALID : Split.TRAIN;
    }

    /** A uniform number in [0, 1) from the seed and the value: FNV-1a over the UTF-8 bytes, then a SplitMix64 mix. */
    private double uniform(String group) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (byte b : group.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53;
    }
}
