package io.dinplatform.api.permission;

import io.dinplatform.api.security.SecurityProperties;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.permission.PermissionRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Permissions on datasets and models: the policy, the request checks, and the serving paths' cached check. */
@Configuration(proxyBeanMethods = false)
public class PermissionConfiguration {

    @Bean
    AccessPolicy accessPolicy(SecurityProperties security) {
        return new AccessPolicy(security);
    }

    @Bean
    ResourceAccess resourceAccess(PermissionRepository permissions, ModelRepository models, AccessPolicy policy) {
        return new ResourceAccess(permissions, models, policy);
    }

    @Bean
    PredictPermissions predictPermissions(PermissionRepository permissions, AccessPolicy policy,
                                          SecurityProperties security) {
        return new PredictPermissions(permissions, policy, security.tokenCacheTtl());
    }
}
