package io.dinplatform.api.online;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dinplatform.core.metrics.ConfidenceInterval;

/**
 * The answer of {@code GET /api/v1/models/{name}/online-comparison}: two arms side by side, the test of their CTRs
 * and a verdict.
 *
 * @param model         the registered model
 * @param from          the first instant covered
 * @param to            the end of the period (exclusive)
 * @param a             the baseline arm
 * @param b             the arm compared with it
 * @param ctrDifference b's CTR minus a's, with its test; absent when an arm is a shadow (its scores were never shown,
 *                      so it has no CTR of its own) or has no impressions
 * @param verdict       what the figures say so far
 * @param bootstrap     how the AUC and GAUC intervals were computed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OnlineComparisonView(String model, Instant from, Instant to, Arm a, Arm b, CtrDifference ctrDifference,
                                   Verdict verdict, Bootstrap bootstrap) {

    /**
     * One arm's figures. CTR counts an impression without feedback as not clicked (as the online metrics do); AUC
     * and GAUC use the impressions with feedback.
     *
     * @param arm         the arm as the query named it ({@code v4}, {@code production@v4}, {@code v4:shadow})
     * @param version     its version
     * @param shadow      whether these are shadow scores
     * @param impressions impressions logged
     * @param labelled    of those, the ones with feedback
     * @param clicks      of those, the ones clicked
     * @param users       distinct group ids among the labelled impressions (the units the bootstrap resamples)
     * @param ctr         clicks per impression, absent for a shadow or without impressions
     * @param ctrInterval its 95 % Wilson interval
     * @param auc         AUC over the labelled impressions, absent without both a click and a non-click
     * @param aucInterval its 95 % bootstrap interval over users
     * @param gauc        impression-weighted per-user AUC
     * @param gaucInterval its 95 % bootstrap interval over users
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Arm(String arm, int version, boolean shadow, long impressions, long labelled, long clicks, long users,
                      Double ctr, ConfidenceInterval ctrInterval, Double auc, ConfidenceInterval aucInterval,
                      Double gauc, ConfidenceInterval gaucInterval) {
    }

    /**
     * @param difference b's CTR minus a's
     * @param interval   its 95 % (unpooled normal) interval
     * @param z          the pooled two-proportion z statistic
     * @param pValue     its two-sided p-value
     */
    public record CtrDifference(double difference, ConfidenceInterval interval, double z, double pValue) {
    }

    /**
     * @param outcome              BETTER or WORSE (b against a, significant at 5 %), NO_DIFFERENCE_YET, or
     *                             NOT_COMPARABLE (no CTR to test: an arm is a shadow or empty)
     * @param text                 the verdict in words, e.g. "v4 better", "v4 worse", "no difference yet: about
     *                             12,400 more impressions needed"
     * @param moreImpressionsNeeded with NO_DIFFERENCE_YET: about how many more impressions (both arms together) the
     *                             observed difference needs to be significant at 5 % with 80 % power; absent when the
     *                             observed difference is zero
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verdict(Outcome outcome, String text, Long moreImpressionsNeeded) {
    }

    public enum Outcome { BETTER, WORSE, NO_DIFFERENCE_YET, NOT_COMPARABLE }

    /**
     * @param resamples resamples of users with replacement
     * @param seed      the seed of the draws (the same impressions give the same intervals)
     */
    public record Bootstrap(int resamples, long seed) {
    }
}
