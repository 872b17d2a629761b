package io.dinplatform.registry.impression;

/**
 * An impression of one arm of an online comparison.
 *
 * @param score   the predicted click probability
 * @param clicked the reported outcome, null without feedback (counted as not clicked for the CTR)
 * @param groupId the user, or null
 */
public record ComparedImpression(float score, Boolean clicked, String groupId) {
}
