package io.dinplatform.worker.config;

import io.dinplatform.registry.database.EmbeddedPostgresServer;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Whether this process runs a training worker: the worker application says so ({@code din.worker.enabled}), or
 * platform-api embeds one ({@code din.worker.embedded}), which it does by default when the database is the embedded
 * PostgreSQL of a standalone installation (there is nobody else to train its runs).
 */
class WorkerEnabledCondition extends AnyNestedCondition {

    WorkerEnabledCondition() {
        super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnBooleanProperty("din.worker.enabled")
    static class WorkerApplication {
    }

    @ConditionalOnBooleanProperty("din.worker.embedded")
    static class EmbeddedByChoice {
    }

    @ConditionalOnBooleanProperty(name = "din.worker.embedded", matchIfMissing = true)
    @ConditionalOnBean(EmbeddedPostgresServer.class)
    static class EmbeddedInStandalone {
    }
}
