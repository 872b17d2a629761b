package io.dinplatform.api.permission;

import java.time.Duration;
import java.util.List;

import io.dinplatform.api.security.Caller;
import io.dinplatform.api.security.SecurityProperties;
import io.dinplatform.api.security.oidc.OidcProperties;
import io.dinplatform.registry.permission.AccessList;
import io.dinplatform.registry.permission.Grant;
import io.dinplatform.registry.permission.Permission;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decisions behind the permission checks, for callers the HTTP tests cannot build: a signed-in user with group
 * claims (a grant to a group reaches its members), anonymous callers of opened scopes, and resources older than
 * permissions.
 */
class AccessPolicyTest {

    private static final AccessPolicy CLOSED = new AccessPolicy(properties(false, false));
    private static final AccessList GRANTED_TO_A_GROUP = new AccessList("token:0123456789ab",
            List.of(new Grant("group:ranking", Permission.WRITE), new Grant("subject:bob", Permission.READ)));

    @Test
    void aSignedInUserIsItsSubjectWithItsGroupsAndItsScopes() {
        Caller alice = Caller.of(user("alice", "SCOPE_read", "SCOPE_write", "GROUP_ranking", "GROUP_search"));

        assertThat(alice.principal()).isEqualTo("subject:alice");
        assertThat(alice.groups()).containsExactlyInAnyOrder("ranking", "search");
        assertThat(alice.admin()).isFalse();
        assertThat(alice.principals()).containsExactly("subject:alice", "group:ranking", "group:search");
        assertThat(Caller.of(user("root", "SCOPE_admin")).admin()).isTrue();
    }

    @Test
    void aGrantToAGroupReachesItsMembersAndNoOneElse() {
        Caller member = Caller.of(user("alice", "SCOPE_write", "GROUP_ranking"));
        Caller outsider = Caller.of(user("carol", "SCOPE_write", "GROUP_search"));
        Caller reader = Caller.of(user("bob", "SCOPE_write"));

        assertThat(CLOSED.allows(member, GRANTED_TO_A_GROUP, Permission.WRITE)).isTrue();
        assertThat(CLOSED.allows(member, GRANTED_TO_A_GROUP, Permission.PREDICT)).as("write includes it").isTrue();
        assertThat(CLOSED.allows(outsider, GRANTED_TO_A_GROUP, Permission.READ)).isFalse();
        assertThat(CLOSED.allows(reader, GRANTED_TO_A_GROUP, Permission.READ)).isTrue();
        assertThat(CLOSED.allows(reader, GRANTED_TO_A_GROUP, Permission.PREDICT)).isFalse();
        assertThat(CLOSED.mayGrant(member, GRANTED_TO_A_GROUP)).as("only the owner grants").isFalse();
        assertThat(CLOSED.refusal(outsider, GRANTED_TO_A_GROUP, io.dinplatform.registry.permission.ProtectedResource
                .MODEL, "m", Permission.WRITE).getStatusCode().value()).isEqualTo(404);
        assertThat(CLOSED.refusal(reader, GRANTED_TO_A_GROUP, io.dinplatform.registry.permission.ProtectedResource
                .MODEL, "m", Permission.WRITE).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void aResourceOlderThanPermissionsIsReadByEveryoneAndChangedByAnAdminOnly() {
        Caller someone = Caller.of(user("dave", "SCOPE_read", "SCOPE_write", "SCOPE_predict"));
        Caller admin = Caller.of(user("root", "SCOPE_admin"));

        assertThat(CLOSED.allows(someone, AccessList.UNOWNED, Permission.READ)).isTrue();
        assertThat(CLOSED.allows(someone, AccessList.UNOWNED, Permission.PREDICT)).isTrue();
        assertThat(CLOSED.allows(someone, AccessList.UNOWNED, Permission.WRITE)).isFalse();
        assertThat(CLOSED.mayGrant(someone, AccessList.UNOWNED)).isFalse();
        assertThat(CLOSED.allows(admin, AccessList.UNOWNED, Permission.WRITE)).isTrue();
        assertThat(CLOSED.mayGrant(admin, AccessList.UNOWNED)).isTrue();
    }

    @Test
    void anOpenedScopeOpensThePermissionToAnonymousCallers() {
        Caller anonymous = Caller.of(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
        AccessPolicy openRead = new AccessPolicy(properties(true, false));

        assertThat(anonymous).isEqualTo(Caller.ANONYMOUS);
        assertThat(anonymous.canOwn()).isFalse();
        assertThat(CLOSED.allows(anonymous, GRANTED_TO_A_GROUP, Permission.READ)).isFalse();
        assertThat(openRead.allows(anonymous, GRANTED_TO_A_GROUP, Permission.READ)).isTrue();
        assertThat(openRead.allows(anonymous, GRANTED_TO_A_GROUP, Permission.PREDICT)).isFalse();
        assertThat(new AccessPolicy(properties(false, true)).allowsEverything(anonymous, Permission.PREDICT))
                .isTrue();
    }

    private static TestingAuthenticationToken user(String name, String... authorities) {
        TestingAuthenticationToken user = new TestingAuthenticationToken(name, null, authorities);
        user.setAuthenticated(true);
        return user;
    }

    private static SecurityProperties properties(boolean openRead, boolean openPredict) {
        return new SecurityProperties(null, openRead, openPredict, Duration.ofSeconds(10), OidcProperties.off());
    }
}
