package io.dinplatform.registry.artifact.s3;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 API server for tests: S3Proxy on a free loopback port over a jclouds file-system backend, checking AWS
 * signatures (V4) against one access key. It holds one bucket, {@link #BUCKET}.
 */
public final class S3TestServer implements AutoCloseable {

    public static final String BUCKET = "din-artifacts";
    public static final String ACCESS_KEY_ID = "din-test-access-key";
    public static final String SECRET_ACCESS_KEY = "din-test-secret-access-key";

    private final BlobStoreContext backend;
    private final S3Proxy proxy;
    private final String endpoint;
    private boolean running;

    private S3TestServer(BlobStoreContext backend, S3Proxy proxy) {
        this.backend = backend;
        this.proxy = proxy;
        this.endpoint = "http://127.0.0.1:" + proxy.getPort();
        this.running = true;
    }

    /** Starts a server whose objects live below {@code directory}. */
    public static S3TestServer start(Path directory) throws Exception {
        Properties settings = new Properties();
        settings.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
        BlobStoreContext backend = ContextBuilder.newBuilder("filesystem")
                .credentials("identity", "credential")
                .overrides(settings)
                .build(BlobStoreContext.class);
        backend.getBlobStore().createContainerInLocation(null, BUCKET);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(backend.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.onSpinWait();
        }
        return new S3TestServer(backend, proxy);
    }

    public String endpoint() {
        return endpoint;
    }

    /** The store's settings for this server: its bucket, path-style access, the test credentials. */
    public S3ArtifactStoreProperties properties(String prefix, DataSize partSize) {
        return new S3ArtifactStoreProperties(endpoint, "us-east-1", BUCKET, prefix, true, ACCESS_KEY_ID,
                SECRET_ACCESS_KEY, partSize, java.time.Duration.ofDays(1));
    }

    /** A client of this server, as the store builds it. */
    public S3Client client() {
        return S3ClientFactory.create(properties("", DataSize.ofMegabytes(16)));
    }

    /** Every object key in the bucket and every multipart upload in progress (as "upload:key"). */
    public List<String> everythingStored() {
        List<String> found = new ArrayList<>();
        try (S3Client client = client()) {
            for (S3Object object : client.listObjectsV2Paginator(request -> request.bucket(BUCKET)).contents()) {
                found.add(object.key());
            }
            for (MultipartUpload upload : client.listMultipartUploads(request -> request.bucket(BUCKET)).uploads()) {
                found.add("upload:" + upload.key());
            }
        }
        return found;
    }

    /** Stops serving, as an object store that went down; the port stays taken by nothing. */
    public void stop() throws Exception {
        if (running) {
            running = false;
            proxy.stop();
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        backend.close();
    }
}
