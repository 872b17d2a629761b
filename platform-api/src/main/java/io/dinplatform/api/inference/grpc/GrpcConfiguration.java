package io.dinplatform.api.inference.grpc;

import io.dinplatform.api.inference.InferenceService;
import io.dinplatform.api.security.BearerTokenCheck;
import io.dinplatform.api.serving.ServingProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Open Inference Protocol's gRPC server on {@code din.grpc.port}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GrpcProperties.class)
public class GrpcConfiguration {

    /** Messages are bounded like predict bodies ({@code din.serving.max-body-size}). */
    @Bean
    GrpcInferenceServer grpcInferenceServer(GrpcProperties properties, InferenceService inference,
                                            BearerTokenCheck tokens, ServingProperties serving) {
        return new GrpcInferenceServer(properties, new GrpcInferenceService(inference),
                new BearerTokenInterceptor(tokens), Math.toIntExact(Math.min(Integer.MAX_VALUE,
                serving.maxBodySize().toBytes())));
    }
}
