package io.dinplatform.api.sweep;

/** What a sweep optimises: a validation metric of each trial, at the trial's best epoch. */
public enum SweepObjective {
    VALID_GAUC("valid.gauc", true),
    VALID_AUC("valid.auc", true),
    VALID_LOGLOSS("valid.logloss", false);

    private final String metric;
    private final boolean maximised;

    SweepObjective(String metric, boolean maximised) {
        this.metric = metric;
        this.maximised = maximised;
    }

    /** The metric of the run's history (see the worker's metric history) that holds it. */
    public String metric() {
        return metric;
    }

    /** Whether {@code a} is strictly better than {@code b}. */
    public boolean better(double a, double b) {
        return maximised ? a > b : a < b;
    }

    /** The value as a loss: lower is better, whichever the direction. */
    double loss(double value) {
        return maximised ? -value : value;
    }
}
