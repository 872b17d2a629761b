package io.dinplatform.worker.device;

/** A run asks for a device this worker does not have; the worker refuses it rather than silently using another. */
public class DeviceUnavailableException extends RuntimeException {

    public DeviceUnavailableException(String message) {
        super(message);
    }
}
