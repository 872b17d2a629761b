package io.dinplatform.registry.permission;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.dinplatform.registry.EmbeddedCatalogTest;
import io.dinplatform.registry.model.ModelRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PermissionRepositoryTest extends EmbeddedCatalogTest {

    @Autowired
    PermissionRepository permissions;

    @Autowired
    ModelRepository models;

    @Autowired
    PlatformTransactionManager transactionManager;

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
    void aModelCreatedForNoOneIsUnownedAndReadableByAnyone() {
        String name = uniqueName();
        models.create(name);
        assertThat(permissions.find(ProtectedResource.MODEL, name)).hasValueSatisfying(access -> {
            assertThat(access.unowned()).isTrue();
            assertThat(access.allows(List.of("token:dddddddddddd"), Permission.READ)).isTrue();
            assertThat(access.allows(List.of("token:dddddddddddd"), Permission.WRITE)).isFalse();
        });
        String owned = uniqueName();
        assertThat(models.create(owned, "subject:alice").name()).isEqualTo(owned);
        assertThat(permissions.find(ProtectedResource.MODEL, owned).orElseThrow().owner()).isEqualTo("subject:alice");
    }

    @Test
    void aLockedNewResourceIsCreatedWithItsOwnerAndASecondCallerWaitsToFindIt() throws Exception {
        String name = uniqueName();
        assertThatThrownBy(() -> permissions.lockOrCreate(ProtectedResource.DATASET, name, "subject:alice"))
                .as("only inside the transaction that adds").isInstanceOf(IllegalTransactionStateException.class);
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        CountDownLatch created = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Optional<AccessList>> first = CompletableFuture.supplyAsync(() ->
                transactions.execute(status -> {
                    Optional<AccessList> found = permissions.lockOrCreate(ProtectedResource.DATASET, name,
                            "subject:alice");
                    created.countDown();
                    await(commit);
                    return found;
                }));
        assertThat(created.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Optional<AccessList>> second = CompletableFuture.supplyAsync(() ->
                transactions.execute(status -> permissions.lockOrCreate(ProtectedResource.DATASET, name,
                        "subject:mallory")));
        Thread.sleep(300);
        assertThat(second).as("waits for the first's transaction").isNotDone();
        commit.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).as("created by the first").isEmpty();
        assertThat(second.get(10, TimeUnit.SECONDS)).hasValueSatisfying(access ->
                assertThat(access.owner()).isEqualTo("subject:alice"));
        assertThat(permissions.find(ProtectedResource.DATASET, name).orElseThrow().owner()).isEqualTo("subject:alice");
    }

    @Test
    void aResourceCreatedInATransactionThatRollsBackIsGone() {
        String name = uniqueName();
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        transactions.executeWithoutResult(status -> {
            assertThat(permissions.lockOrCreate(ProtectedResource.DATASET, name, "subject:alice")).isEmpty();
            status.setRollbackOnly();
        });
        assertThat(permissions.find(ProtectedResource.DATASET, name)).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
