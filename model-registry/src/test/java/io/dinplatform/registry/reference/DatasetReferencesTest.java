package io.dinplatform.registry.reference;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import io.dinplatform.registry.artifact.Sha256;
import io.dinplatform.registry.artifact.s3.S3TestServer;
import io.dinplatform.registry.dataset.DatasetObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** References into object storage (S3Proxy): resolving, measuring, and refusing objects changed since. */
class DatasetReferencesTest {

    private static final String STORE_PREFIX = "din/";

    @TempDir
    static Path serverDirectory;
    private static S3TestServer server;
    private static S3Objects objects;
    private static DatasetReferences references;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.start(serverDirectory);
        objects = new S3Objects(server.client(), List.of(), S3TestServer.BUCKET, STORE_PREFIX, "S3Proxy");
        references = new DatasetReferences(objects, null, 3);
    }

    @AfterAll
    static void stopServer() throws Exception {
        objects.close();
        server.close();
    }

    @Test
    void aPrefixNamesItsVisibleObjectsInKeyOrderAndEachIsMeasuredAsRead() throws Exception {
        put("logs-a/part-1.csv", "b");
        put("logs-a/part-0.csv", "a");
        put("logs-a/_SUCCESS", "");

        List<ObjectStorage.FoundObject> found = references.resolve(List.of("s3://" + S3TestServer.BUCKET
                + "/logs-a/"));

        assertThat(found).extracting(o -> o.location().path()).containsExactly("logs-a/part-0.csv",
                "logs-a/part-1.csv");
        try (MeasuredObjectStream in = references.openToMeasure(found.get(0))) {
            in.transferTo(OutputStream.nullOutputStream());
            assertThat(in.measured()).isEqualTo(new DatasetObject("s3://" + S3TestServer.BUCKET
                    + "/logs-a/part-0.csv", sha("a"), 1));
        }
    }

    @Test
    void anObjectChangedOrRemovedAfterRegistrationIsRefusedNamingIt() throws Exception {
        put("logs-b/part-0.csv", "label\n1\n");
        String location = "s3://" + S3TestServer.BUCKET + "/logs-b/part-0.csv";
        DatasetObject registered = new DatasetObject(location, sha("label\n1\n"), 8);
        try (InputStream in = references.openVerified(registered)) {
            assertThat(in.readAllBytes()).hasSize(8);
        }

        put("logs-b/part-0.csv", "label\n0\n");
        try (InputStream in = references.openVerified(registered)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(ReferencedObjectChangedException.class)
                    .hasMessageContaining(location).hasMessageContaining(sha("label\n0\n"));
        }
        put("logs-b/part-0.csv", "label\n1\n0\n");
        assertThatThrownBy(() -> references.openVerified(registered))
                .isInstanceOf(ReferencedObjectChangedException.class).hasMessageContaining("10 bytes");
        server.client().deleteObject(r -> r.bucket(S3TestServer.BUCKET).key("logs-b/part-0.csv"));
        assertThatThrownBy(() -> references.openVerified(registered))
                .isInstanceOf(ReferencedObjectChangedException.class).hasMessageContaining("gone");
    }

    @Test
    void referencesToNothingToOtherBucketsOrToTheArtifactsAreRefused() throws Exception {
        put("logs-c/part-0.csv", "a");
        put(STORE_PREFIX + "ab/cdef", "an artifact");
        String bucket = "s3://" + S3TestServer.BUCKET + "/";
        for (String refused : List.of(bucket + "logs-c/missing.csv", bucket + "empty-prefix/",
                "s3://other-bucket/logs-c/part-0.csv", bucket + STORE_PREFIX + "ab/cdef", bucket + STORE_PREFIX,
                "local:logs-c/part-0.csv")) {
            assertThatThrownBy(() -> references.resolve(List.of(refused)), refused)
                    .isInstanceOf(InvalidDataReferenceException.class);
        }
        assertThatThrownBy(() -> references.resolve(List.of(bucket + "logs-c/part-0.csv",
                bucket + "logs-c/"))).isInstanceOf(InvalidDataReferenceException.class).hasMessageContaining("once");
        assertThatThrownBy(() -> references.resolve(List.of())).isInstanceOf(InvalidDataReferenceException.class);
    }

    @Test
    void aPrefixCoveringTheArtifactsLeavesThemOut() throws Exception {
        put(STORE_PREFIX + "ab/cdef", "an artifact");
        put("logs-d/part-0.csv", "a");

        assertThat(objects.list(DataLocation.parse("s3://" + S3TestServer.BUCKET + "/")))
                .extracting(o -> o.location().path())
                .contains("logs-d/part-0.csv")
                .noneMatch(key -> key.startsWith(STORE_PREFIX));
    }

    private static void put(String key, String content) {
        server.client().putObject(r -> r.bucket(S3TestServer.BUCKET).key(key), RequestBody.fromString(content));
    }

    private static String sha(String content) throws Exception {
        return Sha256.of(new java.io.ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }
}
