package io.dinplatform.api.security.oidc;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.dinplatform.registry.token.TokenScope;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What an issuer's access token may do here, from its claims: {@code SCOPE_<platform scope>} for each issuer scope
 * that {@link OidcProperties#platformScope} maps (the authorities an API token's scopes give, so that every rule
 * applies to both kinds of token alike), and {@code GROUP_<group>} for each value of the groups claim. Issuer scopes
 * that map to nothing ({@code openid}, {@code profile}, ...) grant nothing.
 */
final class OidcClaimMapping implements Converter<Jwt, Collection<GrantedAuthority>> {

    static final String SCOPE_PREFIX = "SCOPE_";
    static final String GROUP_PREFIX = "GROUP_";

    private final OidcProperties properties;

    OidcClaimMapping(OidcProperties properties) {
        this.properties = properties;
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        values(jwt, properties.scopeClaim()).flatMap(OidcClaimMapping::words).map(properties::platformScope)
                .flatMap(Optional::stream).sorted().map(TokenScope::label)
                .forEach(scope -> authorities.add(new SimpleGrantedAuthority(SCOPE_PREFIX + scope)));
        values(jwt, properties.groupsClaim())
                .forEach(group -> authorities.add(new SimpleGrantedAuthority(GROUP_PREFIX + group)));
        return List.copyOf(authorities);
    }

    /** A claim's values: a list's elements, or a single string. */
    private static Stream<String> values(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).filter(text -> !text.isBlank());
        }
        return value instanceof String text && !text.isBlank() ? Stream.of(text) : Stream.empty();
    }

    /** OAuth's {@code scope} is one string of space-separated scopes. */
    private static Stream<String> words(String text) {
        return Stream.of(text.trim().split("\\s+")).filter(word -> !word.isEmpty());
    }
}
