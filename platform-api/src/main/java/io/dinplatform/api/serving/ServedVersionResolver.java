package io.dinplatform.api.serving;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.dinplatform.api.ResourceNames;
import io.dinplatform.api.VersionSelector;
import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.serving.cache.ServedVersion;
import io.dinplatform.api.serving.split.ServedRoute;
import io.dinplatform.registry.model.AliasRoute;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;

/**
 * Which version of a model answers a request, decided per request so that moving an alias moves traffic on the next
 * request: {@code ?version=N} (or {@code latest}), {@code ?alias=A}, or by default the {@code production} alias and,
 * when the model has none, its newest version. An alias may be split over weighted versions and have a shadow
 * ({@link ServedRoute}).
 */
public class ServedVersionResolver {

    public static final String DEFAULT_ALIAS = "production";

    private final ModelRepository models;

    public ServedVersionResolver(ModelRepository models) {
        this.models = models;
    }

    /**
     * The one version the selector names: an alias's first arm where the alias is split.
     *
     * @param version a version number or {@code latest}, or null
     * @param alias   an alias, or null
     */
    public ServedVersion resolve(String name, String version, String alias) {
        return route(name, version, alias).primary();
    }

    /**
     * Where the selector sends traffic: a version, or an alias's arms and shadow.
     *
     * @param version a version number or {@code latest}, or null
     * @param alias   an alias, or null
     */
    public ServedRoute route(String name, String version, String alias) {
        ResourceNames.requireValidName("name", name);
        if (alias != null) {
            ResourceNames.requireValidAlias(alias);
        }
        if (version != null && alias != null) {
            throw new InvalidRequestException("version, alias: give one of them, not both (version=" + version
                    + ", alias=" + alias + ")");
        }
        if (version != null) {
            OptionalInt number = VersionSelector.parse(version);
            Optional<ModelVersion> found = number.isPresent() ? models.findVersion(name, number.getAsInt())
                    : models.findLatestVersion(name);
            return ServedRoute.of(served(found.orElseThrow(() -> notFound(name, "version " + version))));
        }
        if (alias != null) {
            return models.findRoute(name, alias).map(ServedVersionResolver::route)
                    .orElseThrow(() -> notFound(name, "alias '" + alias + "'"));
        }
        return models.findRoute(name, DEFAULT_ALIAS).map(ServedVersionResolver::route)
                .or(() -> models.findLatestVersion(name).map(v -> ServedRoute.of(served(v))))
                .orElseThrow(() -> notFound(name, "version yet"));
    }

    private static ServedRoute route(AliasRoute alias) {
        List<ServedRoute.Arm> arms = alias.arms().stream()
                .map(arm -> new ServedRoute.Arm(served(arm.version()), arm.weight())).toList();
        return new ServedRoute(alias.alias(), arms, alias.shadow() == null ? null : served(alias.shadow()));
    }

    private static ServedVersion served(ModelVersion version) {
        return new ServedVersion(version.modelName(), version.version(), version.bundleSha256());
    }

    private ResourceNotFoundException notFound(String name, String wanted) {
        if (models.find(name).isEmpty()) {
            return new ResourceNotFoundException("model '" + name + "' does not exist");
        }
        return new ResourceNotFoundException("model '" + name + "' has no " + wanted);
    }
}
