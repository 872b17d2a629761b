package io.dinplatform.registry.impression;

import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * The context of one ranking (the user's features and histories, as the client sent them), logged once for all of
 * the ranking's candidates. It shares their {@code servedAt}, and so their day partition.
 *
 * @param id       its id, of the same millisecond as the ranking's impression ids
 * @param features the context's features as sent
 */
public record ImpressionContext(UUID id, JsonNode features) {
}
