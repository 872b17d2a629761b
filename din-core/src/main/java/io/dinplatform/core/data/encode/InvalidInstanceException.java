package io.dinplatform.core.data.encode;

/** A serving instance that cannot be encoded: it names the instance and the feature. */
public class InvalidInstanceException extends RuntimeException {

    private final int instance;
    private final String feature;

    public InvalidInstanceException(int instance, String feature, String reason) {
        super("instances[" + instance + "]." + feature + ": " + reason);
        this.instance = instance;
        this.feature = feature;
    }

    /** The position of the instance in the request, from 0. */
    public int instance() {
        return instance;
    }

    public String feature() {
        return feature;
    }
}
