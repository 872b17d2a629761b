package io.dinplatform.api.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit log ({@code din.audit.*}).
 *
 * @param retention       how long entries are kept; older ones are deleted
 * @param cleanupInterval how often the expired entries are deleted
 */
@ConfigurationProperties("din.audit")
public record AuditProperties(@DefaultValue("365d") Duration retention,
                              @DefaultValue("1h") Duration cleanupInterval) {

    public AuditProperties {
        requirePositive("retention", retention);
        requirePositive("cleanup-interval", cleanupInterval);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("din.audit." + name + " must be positive, got " + value);
        }
    }
}
