package io.dinplatform.registry.permission;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.dinplatform.registry.EmbeddedCatalogTest;
import io.dinplatform.registry.model.ModelRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PermissionRepositoryTest extends EmbeddedCatalogTest {

    @Autowired
    PermissionRepository permissions;

    @Autowired
    ModelRepository models;

    @Test
    void aModelCreatedForAPrincipalIsOwnedByItAndItsGrantsAreReplacedAsAWhole() {
        String name = uniqueName();
        assertThat(models.createIfAbsent(name, "token:aaaaaaaaaaaa")).isTrue();
        assertThat(models.createIfAbsent(name, "token:bbbbbbbbbbbb")).as("the name exists").isFalse();

        assertThat(permissions.replaceGrants(ProtectedResource.MODEL, name, Set.of(
                new Grant("token:bbbbbbbbbbbb", Permission.READ), new Grant("group:ranking", Permission.WRITE))))
                .hasValueSatisfying(access -> assertThat(access.grants()).hasSize(2));
        AccessList access = permissions.replaceGrants(ProtectedResource.MODEL, name,
                Set.of(new Grant("group:ranking", Permission.PREDICT))).orElseThrow();

        assertThat(access.owner()).isEqualTo("token:aaaaaaaaaaaa");
        assertThat(access.grants()).containsExactly(new Grant("group:ranking", Permission.PREDICT));
        assertThat(permissions.find(ProtectedResource.MODEL, name)).contains(access);
        assertThat(access.allows(List.of("token:cccccccccccc", "group:ranking"), Permission.PREDICT)).isTrue();
        assertThat(access.allows(List.of("token:cccccccccccc", "group:ranking"), Permission.WRITE)).isFalse();
        assertThat(access.allows(List.of("token:bbbbbbbbbbbb"), Permission.READ)).isFalse();
        assertThat(access.allows(List.of("token:aaaaaaaaaaaa"), Permission.WRITE)).isTrue();
    }

    @Test
    void onlyAResourceWithoutAnOwnerCanBeClaimed() {
        String name = uniqueName();
        models.create(name);
        assertThat(permissions.find(ProtectedResource.MODEL, name)).hasValueSatisfying(access -> {
            assertThat(access.unowned()).isTrue();
            assertThat(access.allows(List.of("token:dddddddddddd"), Permission.READ)).isTrue();
            assertThat(access.allows(List.of("token:dddddddddddd"), Permission.WRITE)).isFalse();
        });

        assertThat(permissions.claim(ProtectedResource.MODEL, name, "subject:alice")).isTrue();
        assertThat(permissions.claim(ProtectedResource.MODEL, name, "subject:mallory")).isFalse();
        assertThat(permissions.find(ProtectedResource.MODEL, name).orElseThrow().owner()).isEqualTo("subject:alice");
    }

    @Test
    void readableNamesAreTheUnownedTheOwnedAndTheGranted() {
        String unowned = uniqueName();
        String owned = uniqueName();
        String granted = uniqueName();
        String foreign = uniqueName();
        models.create(unowned);
        models.createIfAbsent(owned, "token:eeeeeeeeeeee");
        models.createIfAbsent(granted, "token:ffffffffffff");
        models.createIfAbsent(foreign, "token:ffffffffffff");
        permissions.replaceGrants(ProtectedResource.MODEL, granted, Set.of(new Grant("group:team", Permission.READ)));

        assertThat(permissions.readableNames(ProtectedResource.MODEL, List.of("token:eeeeeeeeeeee", "group:team")))
                .contains(unowned, owned, granted).doesNotContain(foreign);
    }

    @Test
    void grantsOfAMissingResourceChangeNothingAndBadGranteesAreRefused() {
        assertThat(permissions.replaceGrants(ProtectedResource.DATASET, uniqueName(),
                Set.of(new Grant("token:aaaaaaaaaaaa", Permission.READ)))).isEmpty();
        assertThatThrownBy(() -> new Grant("everyone", Permission.READ)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> models.createIfAbsent(uniqueName(), "nobody"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    private static String uniqueName() {
        return "perm-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
