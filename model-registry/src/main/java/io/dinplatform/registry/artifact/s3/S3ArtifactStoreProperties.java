package io.dinplatform.registry.artifact.s3;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The artifact store on an S3-compatible object store ({@code din.artifacts.type=s3}).
 *
 * @param endpoint        the S3 API's URL ({@code din.artifacts.s3.endpoint}, e.g. {@code http://minio:9000}); empty
 *                        means AWS's own endpoint for the region
 * @param region          the bucket's region, default {@code us-east-1} (what MinIO and most other servers expect)
 * @param bucket          the bucket the artifacts live in; required
 * @param prefix          a key prefix for every object, so that one bucket can hold several installations; a
 *                        {@code /} is added when it lacks one; default none
 * @param pathStyleAccess address the bucket in the path ({@code endpoint/bucket/key}) instead of the host name;
 *                        most servers other than AWS need it
 * @param accessKeyId     with {@code secretAccessKey}, the credentials; empty means the AWS SDK's default chain
 *                        (environment, profile, instance or container role)
 * @param secretAccessKey see {@code accessKeyId}
 * @param partSize        the part size of a multipart upload, 5MB at least: what a write holds in memory at most;
 *                        a smaller artifact is stored with one request
 * @param stagingExpiry   staged uploads older than this are abandoned writes (a process died mid-write): they are
 *                        removed when a process starts
 */
@ConfigurationProperties("din.artifacts.s3")
public record S3ArtifactStoreProperties(String endpoint,
                                        @DefaultValue("us-east-1") String region,
                                        String bucket,
                                        @DefaultValue("") String prefix,
                                        boolean pathStyleAccess,
                                        String accessKeyId,
                                        String secretAccessKey,
                                        @DefaultValue("16MB") DataSize partSize,
                                        @DefaultValue("1d") Duration stagingExpiry) {

    public S3ArtifactStoreProperties {
        if (prefix == null) {
            prefix = "";
        } else if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
    }

    /** The bucket, refusing to go on without one. */
    public String requiredBucket() {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("din.artifacts.s3.bucket must name a bucket when din.artifacts.type=s3");
        }
        return bucket;
    }

    boolean hasEndpoint() {
        return endpoint != null && !endpoint.isBlank();
    }

    boolean hasStaticCredentials() {
        return accessKeyId != null && !accessKeyId.isBlank();
    }
}
