package io.dinplatform.api.serving.cache;

import java.util.concurrent.atomic.AtomicBoolean;

/** A request's hold on a served model: the model stays open until the lease is closed. */
public final class ModelLease implements AutoCloseable {

    private final ServedModel model;
    private final AtomicBoolean released = new AtomicBoolean();

    ModelLease(ServedModel model) {
        this.model = model;
    }

    public ServedModel model() {
        return model;
    }

    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            model.release();
        }
    }
}
