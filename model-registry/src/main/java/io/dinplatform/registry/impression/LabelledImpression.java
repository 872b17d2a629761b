package io.dinplatform.registry.impression;

import java.time.Instant;

/**
 * An impression with feedback, as online evaluation reads it: which window it counts in, its score and its label; a
 * shadow version's score carries the label of the impression it shadows.
 */
public record LabelledImpression(int version, String arm, Instant windowStart, float score, boolean clicked,
                                 String groupId, boolean shadow) {
}
