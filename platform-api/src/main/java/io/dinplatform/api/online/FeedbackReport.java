package io.dinplatform.api.online;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/**
 * One item of {@code POST /api/v1/feedback}: what became of an impression.
 *
 * @param impressionId the id a predict or rank answer carried
 * @param clicked      whether it was clicked
 * @param at           when (the client's clock); the time of receipt when left out
 */
@Schema(example = "{\"impressionId\": \"019af3c2-7d3e-7a51-9c1e-3b5f0e2d4a61\", \"clicked\": true}")
public record FeedbackReport(@NotNull String impressionId, @NotNull Boolean clicked, Instant at) {
}
