/**
 * The Open Inference Protocol's gRPC binding: {@code inference.GRPCInferenceService} (compiled from
 * {@code src/main/proto/grpc_predict_v2.proto}) on a grpc-java Netty server of its own port, with gRPC's health
 * service, bearer tokens in the {@code authorization} metadata, and failures as gRPC status codes.
 */
package io.dinplatform.api.inference.grpc;
