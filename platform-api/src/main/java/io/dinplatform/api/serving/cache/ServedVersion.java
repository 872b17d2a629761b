package io.dinplatform.api.serving.cache;

/**
 * A model version as serving knows it: the cache key and what every answer names.
 *
 * @param model        the model's name
 * @param version      the version number
 * @param bundleSha256 the bundle's SHA-256, checked when it is loaded
 */
public record ServedVersion(String model, int version, String bundleSha256) {

    @Override
    public String toString() {
        return model + " v" + version;
    }
}
