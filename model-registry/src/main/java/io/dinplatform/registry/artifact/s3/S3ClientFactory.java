package io.dinplatform.registry.artifact.s3;

import java.net.URI;
import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the synchronous S3 client of the artifact store from its settings. */
public final class S3ClientFactory {

    /** A store that does not answer a connection within this is down; fail fast so that callers answer 503. */
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /** Generous: one read may wait for a part of {@code part-size} to be stored. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(120);

    private S3ClientFactory() {
    }

    public static S3Client create(S3ArtifactStoreProperties properties) {
        S3ClientBuilder builder = S3Client.builder()
                // Apache HttpClient streams a part from its buffer; HttpURLConnection would copy it whole first
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(CONNECTION_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .region(Region.of(properties.region()))
                .forcePathStyle(properties.pathStyleAccess())
                .credentialsProvider(credentials(properties))
                // The content is hashed (SHA-256) end to end by the store itself; the SDK's default CRC32 trailers
                // are refused by several S3-compatible servers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (properties.hasEndpoint()) {
            builder.endpointOverride(URI.create(properties.endpoint()));
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3ArtifactStoreProperties properties) {
        if (properties.hasStaticCredentials()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(properties.accessKeyId(),
                    properties.secretAccessKey() == null ? "" : properties.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
