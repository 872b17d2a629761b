package io.dinplatform.core.data.encode;

/**
 * A serving instance that cannot be encoded. It carries what a caller needs to name the problem in its own terms
 * (which instance, which feature, what is wrong) as fields, so nobody has to take the message apart.
 */
public class InvalidInstanceException extends RuntimeException {

    private final int instance;
    private final String feature;
    private final String reason;

    public InvalidInstanceException(int instance, String feature, String reason) {
        super("instances[" + instance + "]." + feature + ": " + reason);
        this.instance = instance;
        this.feature = feature;
        this.reason = reason;
    }

    /** The position of the instance in the request, from 0. */
    public int instance() {
        return instance;
    }

    public String feature() {
        return feature;
    }

    /** What is wrong with the feature's value, without the instance and the feature. */
    public String reason() {
        return reason;
    }
}
