/**
 * The Open Inference Protocol (v2), independent of its transport: how a model's features map to tensors
 * ({@link io.dinplatform.api.inference.FeatureTensors}), server and model metadata, readiness, and inference through
 * the same serving path as the v1 predict ({@link io.dinplatform.api.serving.PredictionService}). Its REST binding is
 * in {@code rest}, its gRPC binding in {@code grpc}.
 */
package io.dinplatform.api.inference;
