package io.dinplatform.registry.token;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.dinplatform.registry.token.ApiTokenRepository.StoredToken;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, checks and revokes API tokens. A token's text is returned once, when it is issued; afterwards only its
 * hash exists, and a presented text is checked by hashing it and comparing the hashes in constant time.
 */
public class ApiTokens {

    private static final int MAX_NAME_LENGTH = 128;

    private final ApiTokenRepository repository;

    public ApiTokens(ApiTokenRepository repository) {
        this.repository = repository;
    }

    /** Creates a token with these scopes; the result carries its text, which is not stored. */
    public IssuedToken issue(String name, Set<TokenScope> scopes) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name: 1 to " + MAX_NAME_LENGTH + " characters are required");
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes: at least one is required");
        }
        try {
            return create(name, scopes);
        } catch (DuplicateKeyException e) {
            // 48 random bits of id collide about once in 16 million tokens; a second draw settles it
            return create(name, scopes);
        }
    }

    /** The valid token whose text this is, recording its use; empty for an unknown, malformed or revoked one. */
    public Optional<ApiToken> authenticate(String text) {
        Optional<StoredToken> stored = TokenText.idOf(text).flatMap(repository::findStored);
        if (stored.isEmpty() || !TokenText.matches(text, stored.get().sha256()) || !stored.get().token().active()) {
            return Optional.empty();
        }
        repository.touch(stored.get().token().id());
        return Optional.of(stored.get().token());
    }

    public List<ApiToken> list() {
        return repository.findAll();
    }

    public Optional<ApiToken> find(String id) {
        return repository.find(id);
    }

    /** Revokes a valid token; false when there is no such token or it was already revoked. */
    public boolean revoke(String id) {
        return repository.revoke(id);
    }

    /**
     * On a platform's first start: issues an admin token with every scope when no valid admin token exists, so that
     * someone can create the others. Empty when one exists (then nothing changes).
     */
    @Transactional
    public Optional<IssuedToken> issueFirstAdmin(String name) {
        repository.lockBootstrap();
        if (repository.hasActiveAdmin()) {
            return Optional.empty();
        }
        return Optional.of(create(name, EnumSet.allOf(TokenScope.class)));
    }

    private IssuedToken create(String name, Set<TokenScope> scopes) {
        String text = TokenText.generate();
        String id = TokenText.idOf(text).orElseThrow();
        StoredToken stored = repository.insert(id, name, TokenText.sha256(text), scopes);
        return new IssuedToken(stored.token(), text);
    }
}
