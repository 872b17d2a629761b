package io.dinplatform.registry.audit;

/**
 * The names of the recorded changes, as the audit log stores them and its filters and dashboard show them: a noun
 * for what changed and a past participle for what happened to it.
 */
public final class AuditActions {

    public static final String DATASET_REGISTERED = "dataset.registered";
    public static final String MODEL_CREATED = "model.created";
    /** A trained version registered by a worker, in the name of whoever queued the run. */
    public static final String VERSION_REGISTERED = "version.registered";
    /** An alias pointed at a version: through the API, or by a worker promoting a run's version. */
    public static final String ALIAS_MOVED = "alias.moved";
    public static final String ALIAS_DELETED = "alias.deleted";
    public static final String IMPRESSION_LOGGING_CHANGED = "impression-logging.changed";
    public static final String RUN_QUEUED = "run.queued";
    public static final String RUN_CANCELLED = "run.cancelled";
    public static final String SWEEP_STARTED = "sweep.started";
    public static final String SWEEP_CANCELLED = "sweep.cancelled";
    public static final String BATCH_PREDICTION_QUEUED = "batch-prediction.queued";
    public static final String BATCH_PREDICTION_CANCELLED = "batch-prediction.cancelled";
    public static final String TOKEN_CREATED = "token.created";
    public static final String TOKEN_REVOKED = "token.revoked";
    /** A permission granted or withdrawn (resource type {@code grant}). */
    public static final String GRANT_CHANGED = "grant.changed";
    /** A sign-in through single sign-on (resource type {@code session}, resource the subject). */
    public static final String LOGIN = "login";

    private AuditActions() {
    }
}
