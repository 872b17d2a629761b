package io.dinplatform.worker.lease;

/**
 * A failure that no retry can fix (a corrupt dataset file, data that does not match its schema, a request the
 * engine rejects): the leased job (a run, a batch prediction) ends FAILED at once with this message as its reason.
 */
public class PermanentJobFailure extends RuntimeException {

    public PermanentJobFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public PermanentJobFailure(String message) {
        super(message);
    }
}
