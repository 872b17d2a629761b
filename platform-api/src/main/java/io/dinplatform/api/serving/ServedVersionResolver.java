package io.dinplatform.api.serving;

import java.util.Optional;
import java.util.OptionalInt;

import io.dinplatform.api.ResourceNames;
import io.dinplatform.api.VersionSelector;
import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.serving.cache.ServedVersion;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;

/**
 * Which version of a model answers a request, decided per request so that moving an alias moves traffic on the next
 * request: {@code ?version=N} (or {@code latest}), {@code ?alias=A}, or by default the {@code production} alias and,
 * when the model has none, its newest version.
 */
public class ServedVersionResolver {

    public static final String DEFAULT_ALIAS = "production";

    private final ModelRepository models;

    public ServedVersionResolver(ModelRepository models) {
        this.models = models;
    }

    /**
     * @param version a version number or {@code latest}, or null
     * @param alias   an alias, or null
     */
    public ServedVersion resolve(String name, String version, String alias) {
        ResourceNames.requireValidName("name", name);
        if (alias != null) {
            ResourceNames.requireValidAlias(alias);
        }
        if (version != null && alias != null) {
            throw new InvalidRequestException("version, alias: give one of them, not both (version=" + version
                    + ", alias=" + alias + ")");
        }
        Optional<ModelVersion> found;
        String wanted;
        if (version != null) {
            OptionalInt number = VersionSelector.parse(version);
            found = number.isPresent() ? models.findVersion(name, number.getAsInt()) : models.findLatestVersion(name);
            wanted = "version " + version;
        } else if (alias != null) {
            found = models.findByAlias(name, alias);
            wanted = "alias '" + alias + "'";
        } else {
            found = models.findByAlias(name, DEFAULT_ALIAS).or(() -> models.findLatestVersion(name));
            wanted = "version yet";
        }
        ModelVersion resolved = found.orElseThrow(() -> notFound(name, wanted));
        return new ServedVersion(resolved.modelName(), resolved.version(), resolved.bundleSha256());
    }

    private ResourceNotFoundException notFound(String name, String wanted) {
        if (models.find(name).isEmpty()) {
            return new ResourceNotFoundException("model '" + name + "' does not exist");
        }
        return new ResourceNotFoundException("model '" + name + "' has no " + wanted);
    }
}
