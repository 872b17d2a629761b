package io.dinplatform.registry;

import java.nio.file.Path;

import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.artifact.DirectoryArtifactStore;
import io.dinplatform.registry.artifact.s3.S3ArtifactStore;
import io.dinplatform.registry.artifact.s3.StagedUploadCleanup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code din.artifacts.type} picks the store; the S3 store's settings bind from their documented names. */
class ArtifactStoreConfigurationTest {

    @TempDir
    Path dataDirectory;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RegistryAutoConfiguration.class))
                .withPropertyValues("din.data-dir=" + dataDirectory);
    }

    @Test
    void theDirectoryStoreIsTheDefault() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(ArtifactStore.class).doesNotHaveBean(StagedUploadCleanup.class);
            assertThat(context.getBean(DirectoryArtifactStore.class).root())
                    .isEqualTo(dataDirectory.resolve("artifacts"));
        });
    }

    @Test
    void typeS3BuildsTheS3StoreWithItsCacheBelowTheDataDirectory() {
        runner().withPropertyValues("din.artifacts.type=s3", "din.artifacts.s3.endpoint=http://127.0.0.1:9",
                        "din.artifacts.s3.bucket=artifacts", "din.artifacts.s3.prefix=tenant",
                        "din.artifacts.s3.path-style-access=true", "din.artifacts.s3.access-key-id=id",
                        "din.artifacts.s3.secret-access-key=secret", "din.artifacts.s3.part-size=8MB",
                        "din.artifacts.cache-size=1GB")
                .run(context -> {
                    assertThat(context).hasSingleBean(ArtifactStore.class).hasSingleBean(StagedUploadCleanup.class);
                    assertThat(context.getBean(ArtifactStore.class)).isInstanceOf(S3ArtifactStore.class)
                            .hasToString("s3://artifacts/tenant/ at http://127.0.0.1:9");
                    assertThat(dataDirectory.resolve("artifact-cache")).isDirectory();
                });
    }

    @Test
    void typeS3WithoutABucketRefusesToStart() {
        runner().withPropertyValues("din.artifacts.type=s3").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("din.artifacts.s3.bucket"));
    }
}
