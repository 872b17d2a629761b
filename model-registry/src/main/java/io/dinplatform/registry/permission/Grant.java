package io.dinplatform.registry.permission;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One permission given to a principal on a dataset or a model.
 *
 * @param grantee    who receives it: {@code token:<id>}, {@code subject:<name>} or {@code group:<name>}
 * @param permission what it lets the grantee do
 */
public record Grant(String grantee, Permission permission) {

    /** The longest principal the catalog stores. */
    public static final int MAX_PRINCIPAL_LENGTH = 200;

    private static final Pattern GRANTEE = Pattern.compile("(token|subject|group):\\S.*");

    public Grant {
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(permission, "permission");
        if (!isGrantee(grantee)) {
            throw new IllegalArgumentException("a grantee is 'token:<id>', 'subject:<name>' or 'group:<name>' of at "
                    + "most " + MAX_PRINCIPAL_LENGTH + " characters, got '" + grantee + "'");
        }
    }

    /** Whether the text names a principal a grant can be given to. */
    public static boolean isGrantee(String text) {
        return text != null && text.length() <= MAX_PRINCIPAL_LENGTH && GRANTEE.matcher(text).matches()
                && text.chars().noneMatch(Character::isISOControl);
    }
}
