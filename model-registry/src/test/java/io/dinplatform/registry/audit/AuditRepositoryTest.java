package io.dinplatform.registry.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.dinplatform.registry.EmbeddedCatalogTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class AuditRepositoryTest extends EmbeddedCatalogTest {

    @Autowired
    AuditRepository entries;

    @Autowired
    AuditLog log;

    @Autowired
    JdbcClient jdbc;

    /** Each test's own principal, so that tests sharing the database never read each other's entries. */
    String alice;
    String bob;

    @BeforeEach
    void principals() {
        alice = Principals.token(UUID.randomUUID().toString().substring(0, 12));
        bob = Principals.subject("bob-" + UUID.randomUUID());
    }

    @Test
    void anEntryIsReadBackAsRecorded() {
        log.record(new NewAuditEntry(alice, AuditActions.ALIAS_MOVED, "model", "din", "alias production",
                AuditOutcome.SUCCESS, 200));

        List<AuditEntry> found = entries.find(new AuditQuery(alice, null, null, null, null, null, 10));

        assertThat(found).singleElement().satisfies(entry -> {
            assertThat(entry.principal()).isEqualTo(alice);
            assertThat(entry.action()).isEqualTo("alias.moved");
            assertThat(entry.resourceType()).isEqualTo("model");
            assertThat(entry.resource()).isEqualTo("din");
            assertThat(entry.detail()).isEqualTo("alias production");
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(entry.status()).isEqualTo(200);
            assertThat(entry.recordedAt()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(
                    1, ChronoUnit.MINUTES));
        });
    }

    @Test
    void filtersApplyTogetherAndPagesFollowTheKey() {
        String dataset = "audited-" + UUID.randomUUID();
        for (int i = 1; i <= 5; i++) {
            log.record(NewAuditEntry.succeeded(alice, AuditActions.DATASET_REGISTERED, "dataset", dataset,
                    "version " + i));
        }
        log.record(NewAuditEntry.succeeded(bob, AuditActions.DATASET_REGISTERED, "dataset", dataset, "version 6"));
        log.record(NewAuditEntry.succeeded(alice, AuditActions.MODEL_CREATED, "model", dataset, null));

        List<AuditEntry> aliceOnDataset = entries.find(new AuditQuery(alice, "dataset", dataset, null, null, null, 3));
        assertThat(aliceOnDataset).extracting(AuditEntry::detail).containsExactly("version 5", "version 4",
                "version 3");
        List<AuditEntry> nextPage = entries.find(new AuditQuery(alice, "dataset", dataset, null, null,
                aliceOnDataset.get(2).id(), 3));
        assertThat(nextPage).extracting(AuditEntry::detail).containsExactly("version 2", "version 1");

        assertThat(entries.find(new AuditQuery(null, "dataset", dataset, null, null, null, 100)))
                .extracting(AuditEntry::principal).containsOnly(alice, bob).hasSize(6);
        assertThat(entries.find(new AuditQuery(null, null, dataset, null, null, null, 100))).hasSize(7);
    }

    @Test
    void theTimeWindowIncludesItsStartAndExcludesItsEnd() {
        log.record(NewAuditEntry.succeeded(alice, AuditActions.TOKEN_CREATED, "token", "t1", null));
        AuditEntry recorded = entries.find(new AuditQuery(alice, null, null, null, null, null, 1)).get(0);
        Instant at = recorded.recordedAt();

        assertThat(entries.find(new AuditQuery(alice, null, null, at, at.plusMillis(1), null, 10))).hasSize(1);
        assertThat(entries.find(new AuditQuery(alice, null, null, at.plusMillis(1), null, null, 10))).isEmpty();
        assertThat(entries.find(new AuditQuery(alice, null, null, null, at, null, 10))).isEmpty();
    }

    @Test
    void expiredEntriesAreDeletedAndRecentOnesKept() {
        log.record(NewAuditEntry.succeeded(alice, AuditActions.TOKEN_REVOKED, "token", "old", null));
        log.record(NewAuditEntry.succeeded(alice, AuditActions.TOKEN_REVOKED, "token", "recent", null));
        jdbc.sql("UPDATE audit_log SET recorded_at = now() - INTERVAL '400 days' WHERE principal = ? AND resource = ?")
                .params(alice, "old").update();

        int deleted = entries.deleteRecordedBefore(Instant.now().minus(365, ChronoUnit.DAYS));

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(entries.find(new AuditQuery(alice, null, null, null, null, null, 10)))
                .extracting(AuditEntry::resource).containsExactly("recent");
    }

    @Test
    void overlongTextsAreCutRatherThanRefused() {
        String hostile = "x".repeat(5000);
        log.record(new NewAuditEntry(alice, AuditActions.ALIAS_MOVED, "model", hostile, hostile,
                AuditOutcome.REFUSED, 400));

        AuditEntry entry = entries.find(new AuditQuery(alice, null, null, null, null, null, 1)).get(0);
        assertThat(entry.resource()).hasSize(NewAuditEntry.MAX_TEXT).endsWith("...");
        assertThat(entry.detail()).hasSize(NewAuditEntry.MAX_TEXT);
        assertThat(log.failedWrites()).isZero();
    }

    @Test
    void theOutcomeOfAStatus() {
        assertThat(AuditOutcome.ofStatus(201)).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(AuditOutcome.ofStatus(204)).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(AuditOutcome.ofStatus(401)).isEqualTo(AuditOutcome.REFUSED);
        assertThat(AuditOutcome.ofStatus(409)).isEqualTo(AuditOutcome.REFUSED);
        assertThat(AuditOutcome.ofStatus(500)).isEqualTo(AuditOutcome.FAILED);
        assertThat(AuditOutcome.ofStatus(503)).isEqualTo(AuditOutcome.FAILED);
    }
}
