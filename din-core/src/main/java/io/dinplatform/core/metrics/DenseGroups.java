package io.dinplatform.core.metrics;

import java.util.Arrays;

/** Maps arbitrary int group ids to 0..G−1, so that groups can index arrays. */
final class DenseGroups {

    private DenseGroups() {
    }

    static int[] of(int[] groups) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int g : groups) {
            min = Math.min(min, g);
            max = Math.max(max, g);
        }
        if (groups.length == 0) {
            return groups;
        }
        if (min >= 0 && max < 2L * groups.length + 16) {
            return groups; // already dense enough (the encoder's group ids are 0..G−1)
        }
        int[] distinct = Arrays.stream(groups).sorted().distinct().toArray();
        int[] dense = new int[groups.length];
        for (int i = 0; i < groups.length; i++) {
            dense[i] = Arrays.binarySearch(distinct, groups[i]);
        }
        return dense;
    }
}
