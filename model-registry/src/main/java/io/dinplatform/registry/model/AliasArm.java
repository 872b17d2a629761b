package io.dinplatform.registry.model;

/**
 * One arm of an alias's traffic split: a version and its share of the traffic.
 *
 * @param version the model version's number
 * @param weight  its share, relative to the other arms' weights (positive)
 */
public record AliasArm(int version, int weight) {

    /** The weight of an alias's only arm. */
    public static final int WHOLE = 100;
}
