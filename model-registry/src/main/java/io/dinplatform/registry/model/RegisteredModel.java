package io.dinplatform.registry.model;

import java.time.Instant;
import java.util.Map;

/**
 * A model name with its numbered versions.
 *
 * @param id            the catalog's key
 * @param name          the model's name
 * @param latestVersion the newest version number, or null before the first version is registered
 * @param versions      how many versions it has
 * @param aliases       alias → version number
 * @param createdAt     when the name was registered
 */
public record RegisteredModel(long id, String name, Integer latestVersion, int versions, Map<String, Integer> aliases,
                              Instant createdAt) {

    public RegisteredModel {
        aliases = Map.copyOf(aliases);
    }
}
