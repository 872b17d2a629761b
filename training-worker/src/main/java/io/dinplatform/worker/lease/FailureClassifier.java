package io.dinplatform.worker.lease;

import java.util.List;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.schema.InvalidSchemaException;
import io.dinplatform.registry.artifact.ArtifactIntegrityException;
import io.dinplatform.registry.artifact.ArtifactNotFoundException;
import io.dinplatform.worker.device.DeviceUnavailableException;

/**
 * Tells the failures that a retry cannot fix (bad data, a corrupt or missing artifact, a device this worker does not
 * have) from those that may pass (out of memory under a neighbour's load, a lost connection), and words the reason
 * a user reads.
 */
public final class FailureClassifier {

    private static final List<Class<? extends Throwable>> PERMANENT = List.of(PermanentJobFailure.class,
            DataFormatException.class, InvalidSchemaException.class, ArtifactIntegrityException.class,
            ArtifactNotFoundException.class, DeviceUnavailableException.class);

    private FailureClassifier() {
    }

    public static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (Class<? extends Throwable> type : PERMANENT) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The failure in words: a {@link PermanentJobFailure}'s message as it stands (it was worded for the user), else
     * the outermost message with the root cause's when that adds something.
     */
    public static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PermanentJobFailure) {
                return t.getMessage();
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String outer = message(failure);
        if (root == failure || outer.contains(String.valueOf(root.getMessage()))) {
            return outer;
        }
        return outer + " (caused by " + message(root) + ")";
    }

    private static String message(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return "out of memory: " + t.getMessage();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
