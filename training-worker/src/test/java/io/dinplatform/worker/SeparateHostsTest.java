package io.dinplatform.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dinplatform.registry.artifact.s3.S3TestServer;
import io.dinplatform.registry.database.EmbeddedPostgresServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests that run training workers as processes of their own, as on separate hosts: the processes share
 * nothing but the catalog's PostgreSQL and an S3 server (S3Proxy, checking signatures) that stands in for the
 * compose stack's MinIO, and that the test's own catalog writes datasets and models into as well.
 *
 * <p>Each process is configured the way the compose stack configures a {@code training-worker} container: with the
 * environment variables of that service in {@code docker-compose.yml}, at their defaults, and nothing else but what
 * must differ on this machine (the database, the S3 server, a data directory of its own) and what a test sets to
 * other values through the same variables.
 */
public abstract class SeparateHostsTest extends QueueContextTest {

    private static final String WORKER_SERVICE = "training-worker";

    /**
     * The S3 server of the current application context: started with it (the context is cached and shared by the
     * subclasses) and left running until the JVM ends, as the context is.
     */
    private static S3TestServer objectStore;

    @Autowired
    private EmbeddedPostgresServer postgres;

    @DynamicPropertySource
    static void objectStore(DynamicPropertyRegistry registry) throws Exception {
        objectStore = S3TestServer.start(TemporaryDataDirectory.create("s3"));
        registry.add("din.artifacts.type", () -> "s3");
        registry.add("din.artifacts.s3.endpoint", objectStore::endpoint);
        registry.add("din.artifacts.s3.bucket", () -> S3TestServer.BUCKET);
        registry.add("din.artifacts.s3.path-style-access", () -> "true");
        registry.add("din.artifacts.s3.access-key-id", () -> S3TestServer.ACCESS_KEY_ID);
        registry.add("din.artifacts.s3.secret-access-key", () -> S3TestServer.SECRET_ACCESS_KEY);
    }

    /**
     * A worker process with the compose service's environment. Only what must differ here is replaced, and each of
     * those must be a variable the service sets: a renamed variable in the compose file fails the test rather than
     * leaving the process configured by something else.
     *
     * @param settings further compose variables the test sets to other values than their defaults
     * @param work     where the process gets its data directory, liveness file and log
     */
    protected WorkerProcess startWorker(String name, Map<String, String> settings, Path work) throws IOException {
        Map<String, String> here = new LinkedHashMap<>(settings);
        here.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl());
        here.put("SPRING_DATASOURCE_USERNAME", postgres.username());
        here.put("SPRING_DATASOURCE_PASSWORD", "");
        here.putAll(ComposeServiceEnvironment.objectStore(objectStore));
        here.put("DIN_DATA_DIR", work.resolve(name).toString());
        here.put("DIN_WORKER_LIVENESS_FILE", work.resolve(name + ".alive").toString());
        Map<String, String> environment = ComposeServiceEnvironment.of(WORKER_SERVICE, here);
        assertThat(environment).as("docker-compose.yml's %s environment", WORKER_SERVICE)
                .containsEntry("DIN_WORKER_DEVICE", "CPU")
                .containsEntry("DIN_DATABASE_EMBEDDED_ENABLED", "false")
                .containsEntry("DIN_ARTIFACTS_TYPE", "s3");
        // What the worker image itself sets (docker/Dockerfile): DJL never downloads anything.
        environment.put("DJL_OFFLINE", "true");
        return WorkerProcess.start(name, environment, work);
    }
}
