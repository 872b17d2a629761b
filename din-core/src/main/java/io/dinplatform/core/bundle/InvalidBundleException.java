package io.dinplatform.core.bundle;

import java.io.IOException;

/** A bundle file that is damaged, tampered with, or not a bundle at all; the message says which part and why. */
public class InvalidBundleException extends IOException {

    public InvalidBundleException(String message) {
        super(message);
    }

    public InvalidBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
