package io.dinplatform.registry.model;

/** A model of this name is already registered. */
public class ModelNameTakenException extends RuntimeException {

    public ModelNameTakenException(String name) {
        super("a model named '" + name + "' already exists");
    }
}
