package io.dinplatform.api.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.permission.Grant;
import io.dinplatform.registry.permission.Permission;
import io.dinplatform.registry.permission.PermissionRepository;
import io.dinplatform.registry.permission.ProtectedResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two callers upload to one new dataset name at once. Both may pass the controller's early check while the name is
 * free; what decides is the registration's own check, in the transaction that records the version. Here the race
 * is played out in order: the second caller's registration records after the first's has created the dataset, as
 * if its early check had run before.
 */
class DatasetCreationRaceTest extends PlatformApiTest {

    @Autowired
    DatasetRegistration registration;

    @Autowired
    PermissionRepository permissions;

    @AfterEach
    void forgetTheCaller() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theSecondCallerAddsToTheFirstsNewDatasetOnlyWithItsPermission() throws Exception {
        String name = DatasetUploadTest.uniqueName();
        DatasetVersion first = registerAs("alice", name, 61);
        assertThat(first.version()).isEqualTo(1);
        assertThat(permissions.find(ProtectedResource.DATASET, name).orElseThrow().owner())
                .as("owned from the transaction that created it").isEqualTo("subject:alice");
        long versions = count("dataset_versions");
        List<Path> artifacts = artifactFiles();

        assertThatThrownBy(() -> registerAs("mallory", name, 62))
                .as("mallory may not even read alice's dataset").isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining(name);
        assertThat(count("dataset_versions")).as("no version in alice's dataset").isEqualTo(versions);
        assertThat(artifactFiles()).as("mallory's stored file is deleted again").isEqualTo(artifacts);

        permissions.replaceGrants(ProtectedResource.DATASET, name, Set.of(new Grant("subject:mallory",
                Permission.WRITE)));
        assertThat(registerAs("mallory", name, 62).version()).as("granted write, it adds").isEqualTo(2);
        assertThat(permissions.find(ProtectedResource.DATASET, name).orElseThrow().owner()).isEqualTo("subject:alice");
    }

    private DatasetVersion registerAs(String subject, String name, int salt) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                subject, null, List.of(new SimpleGrantedAuthority("SCOPE_read"),
                        new SimpleGrantedAuthority("SCOPE_write"))));
        return registration.register(name, SamplesCsv.SCHEMA,
                new ByteArrayResource(SamplesCsv.bytes(SamplesCsv.rows(25, salt))),
                JsonMapper.shared().createObjectNode().put("kind", "upload"), List.of());
    }
}
