package io.dinplatform.registry;

import java.io.IOException;

import io.dinplatform.registry.artifact.ArtifactCache;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.artifact.ArtifactStoreProperties;
import io.dinplatform.registry.artifact.DirectoryArtifactStore;
import io.dinplatform.registry.artifact.s3.S3ArtifactStore;
import io.dinplatform.registry.artifact.s3.S3ArtifactStoreProperties;
import io.dinplatform.registry.artifact.s3.S3ClientFactory;
import io.dinplatform.registry.artifact.s3.StagedUploadCleanup;
import io.dinplatform.registry.audit.AuditLog;
import io.dinplatform.registry.audit.AuditRepository;
import io.dinplatform.registry.dataset.DatasetItemRepository;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.EncodedDatasetRepository;
import io.dinplatform.registry.impression.ImpressionPartitions;
import io.dinplatform.registry.impression.ImpressionRepository;
import io.dinplatform.registry.impression.ImpressionSampling;
import io.dinplatform.registry.model.ModelChangeAnnouncer;
import io.dinplatform.registry.model.ModelChangeChannel;
import io.dinplatform.registry.model.ModelChangeProperties;
import io.dinplatform.registry.model.ModelChangeRelay;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.permission.PermissionRepository;
import io.dinplatform.registry.reference.DataReferenceProperties;
import io.dinplatform.registry.reference.DatasetContent;
import io.dinplatform.registry.reference.DatasetReferences;
import io.dinplatform.registry.reference.LocalFiles;
import io.dinplatform.registry.reference.S3Objects;
import io.dinplatform.registry.run.RunMetricRepository;
import io.dinplatform.registry.run.TrainingRunRepository;
import io.dinplatform.registry.scoring.BatchPredictionRepository;
import io.dinplatform.registry.scoring.PredictionPartitions;
import io.dinplatform.registry.storage.DataDirectoryProperties;
import io.dinplatform.registry.sweep.SweepRepository;
import io.dinplatform.registry.token.ApiTokenRepository;
import io.dinplatform.registry.token.ApiTokens;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The catalog: one repository per aggregate (datasets, models, training runs) over the platform's PostgreSQL, the
 * audit log of changes, the artifact store, and the announcements of model changes to this process and to the
 * platform's other processes.
 */
@AutoConfiguration(after = JdbcClientAutoConfiguration.class)
@EnableConfigurationProperties({DataDirectoryProperties.class, ArtifactStoreProperties.class,
        ModelChangeProperties.class, DataReferenceProperties.class})
public class RegistryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ArtifactStore.class)
    @ConditionalOnProperty(name = "din.artifacts.type", havingValue = "filesystem", matchIfMissing = true)
    DirectoryArtifactStore artifactStore(DataDirectoryProperties data, ArtifactStoreProperties artifacts)
            throws IOException {
        return new DirectoryArtifactStore(data.resolve(artifacts.directory(), "artifacts"));
    }

    /** The artifact store in an S3-compatible object store, with its local cache for memory-mapped reads. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "din.artifacts.type", havingValue = "s3")
    @EnableConfigurationProperties(S3ArtifactStoreProperties.class)
    static class S3ArtifactStoreConfiguration {

        @Bean
        @ConditionalOnMissingBean(ArtifactStore.class)
        S3ArtifactStore artifactStore(DataDirectoryProperties data, ArtifactStoreProperties artifacts,
                                      S3ArtifactStoreProperties s3) throws IOException {
            ArtifactCache cache = new ArtifactCache(data.resolve(artifacts.cacheDirectory(), "artifact-cache"),
                    artifacts.cacheSize().toBytes());
            return new S3ArtifactStore(S3ClientFactory.create(s3), s3, cache);
        }

        @Bean
        @ConditionalOnBean(S3ArtifactStore.class)
        StagedUploadCleanup stagedUploadCleanup(S3ArtifactStore store, S3ArtifactStoreProperties s3) {
            return new StagedUploadCleanup(store, s3.stagingExpiry());
        }

        /** The objects that datasets registered by reference name, read with the store's credentials. */
        @Bean
        S3Objects referencedObjects(S3ArtifactStoreProperties s3, DataReferenceProperties references) {
            return new S3Objects(S3ClientFactory.create(s3), references.buckets(), s3.requiredBucket(), s3.prefix(),
                    "object storage at " + (s3.endpoint() == null ? "AWS (" + s3.region() + ")" : s3.endpoint()));
        }
    }

    @Bean
    @ConditionalOnMissingBean
    DatasetReferences datasetReferences(DataReferenceProperties references, ObjectProvider<S3Objects> s3) {
        return new DatasetReferences(s3.getIfAvailable(),
                references.localDirectory() == null ? null : new LocalFiles(references.localDirectory()),
                references.maxObjects());
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    DatasetContent datasetContent(ArtifactStore artifacts, DatasetRepository datasets, DatasetReferences references) {
        return new DatasetContent(artifacts, datasets, references);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    DatasetRepository datasetRepository(JdbcClient jdbc) {
        return new DatasetRepository(jdbc);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    DatasetItemRepository datasetItemRepository(JdbcClient jdbc) {
        return new DatasetItemRepository(jdbc);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    EncodedDatasetRepository encodedDatasetRepository(JdbcClient jdbc) {
        return new EncodedDatasetRepository(jdbc);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    ModelRepository modelRepository(JdbcClient jdbc, ModelChangeAnnouncer changes) {
        return new ModelRepository(jdbc, changes);
    }

    @Bean
    ModelChangeChannel modelChangeChannel() {
        return ModelChangeChannel.forThisProcess();
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    ModelChangeAnnouncer modelChangeAnnouncer(JdbcClient jdbc, ModelChangeChannel channel,
                                              ApplicationEventPublisher events) {
        return new ModelChangeAnnouncer(jdbc, channel, events);
    }

    @Bean
    @ConditionalOnBean(JdbcConnectionDetails.class)
    @ConditionalOnBooleanProperty(name = "din.model-changes.listen", matchIfMissing = true)
    ModelChangeRelay modelChangeRelay(JdbcConnectionDetails database, ModelChangeChannel channel,
                                      ApplicationEventPublisher events, ModelChangeProperties properties) {
        return new ModelChangeRelay(database, channel, events, properties.reconnectDelay());
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    PermissionRepository permissionRepository(JdbcClient jdbc, ModelChangeAnnouncer changes) {
        return new PermissionRepository(jdbc, changes);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    TrainingRunRepository trainingRunRepository(JdbcClient jdbc) {
        return new TrainingRunRepository(jdbc);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    RunMetricRepository runMetricRepository(JdbcClient jdbc) {
        return new RunMetricRepository(jdbc);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    ImpressionRepository impressionRepository(JdbcClient jdbc, JdbcTemplate template) {
        return new ImpressionRepository(jdbc, template);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    ImpressionPartitions impressionPartitions(JdbcClient jdbc) {
        return new ImpressionPartitions(jdbc);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    ImpressionSampling impressionSampling(JdbcClient jdbc) {
        return new ImpressionSampling(jdbc);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    SweepRepository sweepRepository(JdbcClient jdbc) {
        return new SweepRepository(jdbc);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    BatchPredictionRepository batchPredictionRepository(JdbcClient jdbc) {
        return new BatchPredictionRepository(jdbc);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    PredictionPartitions predictionPartitions(JdbcClient jdbc) {
        return new PredictionPartitions(jdbc);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    ApiTokenRepository apiTokenRepository(JdbcClient jdbc) {
        return new ApiTokenRepository(jdbc);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    ApiTokens apiTokens(ApiTokenRepository repository) {
        return new ApiTokens(repository);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    AuditRepository auditRepository(JdbcClient jdbc) {
        return new AuditRepository(jdbc);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    AuditLog auditLog(AuditRepository entries) {
        return new AuditLog(entries);
    }
}
