package io.dinplatform.worker.job;

/**
 * A failure that no retry can fix (a corrupt dataset file, data that does not match its schema, a request the
 * engine rejects): the run ends FAILED at once with this message as its reason.
 */
public class PermanentRunFailure extends RuntimeException {

    public PermanentRunFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public PermanentRunFailure(String message) {
        super(message);
    }
}
