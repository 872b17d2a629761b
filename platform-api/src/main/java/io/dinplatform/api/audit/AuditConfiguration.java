package io.dinplatform.api.audit;

import java.time.Clock;

import io.dinplatform.registry.audit.AuditLog;
import io.dinplatform.registry.audit.AuditRepository;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * The audit log: the trail services record changes with, the filter that records the API's changes, the retention
 * and the count of entries that could not be written ({@code din_audit_write_failures_total}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    @Bean
    AuditTrail auditTrail(AuditLog log, MeterRegistry meters) {
        FunctionCounter.builder("din.audit.write.failures", log, AuditLog::failedWrites)
                .description("Audit log entries that could not be written (the change they record was made)")
                .register(meters);
        return new AuditTrail(log);
    }

    /**
     * The filter joins every security filter chain, right after the security context is set up (not as a bean of
     * its own, which the servlet container would run a second time, outside the chain).
     */
    @Bean
    Customizer<HttpSecurity> auditedChanges(AuditTrail trail) {
        AuditFilter filter = new AuditFilter(trail);
        return http -> http.addFilterAfter(filter, SecurityContextHolderFilter.class);
    }

    @Bean
    SignInAudit signInAudit(AuditTrail trail) {
        return new SignInAudit(trail);
    }

    @Bean
    AuditRetention auditRetention(AuditRepository entries, AuditProperties properties, Clock clock) {
        return new AuditRetention(entries, properties, clock);
    }
}
