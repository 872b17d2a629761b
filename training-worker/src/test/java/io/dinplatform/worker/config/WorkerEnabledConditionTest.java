package io.dinplatform.worker.config;

import io.dinplatform.registry.database.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** When a process runs a training worker: the worker application, an explicit choice, or standalone mode. */
class WorkerEnabledConditionTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WorkerMarker.class));

    @Test
    void platformApiOnItsEmbeddedDatabaseRunsAWorkerByDefault() {
        runner.withUserConfiguration(EmbeddedDatabase.class)
                .run(context -> assertThat(context).hasBean("worker"));
    }

    @Test
    void theEmbeddedWorkerCanBeTurnedOff() {
        runner.withUserConfiguration(EmbeddedDatabase.class)
                .withPropertyValues("din.worker.embedded=false")
                .run(context -> assertThat(context).doesNotHaveBean("worker"));
    }

    @Test
    void platformApiOnAnExternalDatabaseLeavesTrainingToWorkerProcesses() {
        runner.run(context -> assertThat(context).doesNotHaveBean("worker"));
    }

    @Test
    void theWorkerApplicationAlwaysRunsOne() {
        runner.withPropertyValues("din.worker.enabled=true")
                .run(context -> assertThat(context).hasBean("worker"));
    }

    @Test
    void anEmbeddedWorkerCanBeAskedForOnAnExternalDatabase() {
        runner.withPropertyValues("din.worker.embedded=true")
                .run(context -> assertThat(context).hasBean("worker"));
    }

    /** Stands in for the embedded-database auto-configuration: only the bean's type matters to the condition. */
    @Configuration(proxyBeanMethods = false)
    static class EmbeddedDatabase {

        @Bean
        EmbeddedPostgresServer embeddedPostgresServer() {
            return null;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(WorkerEnabledCondition.class)
    static class WorkerMarker {

        @Bean
        String worker() {
            return "worker";
        }
    }
}
