package io.dinplatform.registry.impression;

import java.time.Instant;

/**
 * What the impression log holds for one version, arm and window.
 *
 * @param version     the model version that served
 * @param arm         the alias or split arm that chose it; null when requests named the version
 * @param start       the window's start
 * @param impressions impressions served
 * @param labelled    of those, the ones with feedback
 * @param clicks      of those, the ones clicked
 * @param meanScore   the mean predicted click probability over every impression
 * @param latencyP50Micros the median request time in the platform, in microseconds (and the 95th and 99th percentiles)
 * @param shadow      whether these are a shadow version's scores (never returned; labelled by the feedback on the
 *                    impressions they shadow)
 */
public record ImpressionWindow(int version, String arm, Instant start, long impressions, long labelled, long clicks,
                               double meanScore, double latencyP50Micros, double latencyP95Micros,
                               double latencyP99Micros, boolean shadow) {
}
