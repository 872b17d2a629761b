package io.dinplatform.registry.impression;

import java.time.Instant;
import java.util.UUID;

/**
 * What became of an impression.
 *
 * @param impressionId the id the response carried
 * @param clicked      whether it was clicked
 * @param reportedAt   when the client says it happened (its clock); the time of receipt when it did not say
 */
public record ClickFeedback(UUID impressionId, boolean clicked, Instant reportedAt) {
}
