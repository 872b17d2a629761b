package io.dinplatform.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dinplatform.registry.model.RegisteredModel;

/**
 * A registered model.
 *
 * @param name          the model
 * @param latestVersion its newest version number, null before the first
 * @param versionCount  how many versions it has
 * @param aliases       alias → version
 * @param createdAt     when the name was registered
 * @param versions      its versions, oldest first (only when one model is asked for)
 * @param traffic       alias → its weighted arms and shadow, for the aliases split over versions or with a shadow
 *                      (only when one model is asked for; the others send all traffic to their version)
 */
public record ModelView(String name, Integer latestVersion, int versionCount, Map<String, Integer> aliases,
                        Instant createdAt, List<ModelVersionView> versions,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, AliasTrafficView> traffic) {

    static ModelView of(RegisteredModel m, List<ModelVersionView> versions) {
        return of(m, versions, Map.of());
    }

    static ModelView of(RegisteredModel m, List<ModelVersionView> versions, Map<String, AliasTrafficView> traffic) {
        return new ModelView(m.name(), m.latestVersion(), m.versions(), m.aliases(), m.createdAt(), versions,
                traffic);
    }
}
