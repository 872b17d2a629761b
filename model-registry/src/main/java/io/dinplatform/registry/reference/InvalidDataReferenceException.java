package io.dinplatform.registry.reference;

/** A reference to data that cannot be used as sent: malformed, not allowed, or naming nothing that exists. */
public class InvalidDataReferenceException extends RuntimeException {

    private final String reference;
    private final String reason;

    public InvalidDataReferenceException(String reference, String reason) {
        super("reference '" + reference + "' " + reason);
        this.reference = reference;
        this.reason = reason;
    }

    /** The reference as the client sent it. */
    public String reference() {
        return reference;
    }

    public String reason() {
        return reason;
    }
}
