package io.dinplatform.api;

import java.util.regex.Pattern;

import io.dinplatform.api.error.InvalidRequestException;

/**
 * The names clients give to datasets, models and aliases. They appear in URLs, logs and the dashboard, so they are
 * restricted to a URL-safe alphabet; a name never becomes a file path or a SQL fragment anyway.
 */
public final class ResourceNames {

    /** Letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128 characters. */
    public static final String NAME_REGEX = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";
    /** Lowercase letters, digits, '_' and '-', starting with a letter, at most 64 characters. */
    public static final String ALIAS_REGEX = "[a-z][a-z0-9_-]{0,63}";

    private static final Pattern NAME = Pattern.compile(NAME_REGEX);
    private static final Pattern ALIAS = Pattern.compile(ALIAS_REGEX);

    private ResourceNames() {
    }

    /** Returns the name, or throws a 400 naming the field and the rule. */
    public static String requireValidName(String field, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException(field + ": required");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidRequestException(field + ": '" + abbreviate(name) + "' is not a valid name (1 to 128 "
                    + "letters, digits, '.', '_' or '-', starting with a letter or digit)");
        }
        return name;
    }

    public static String requireValidAlias(String alias) {
        return requireValidAlias("alias", alias);
    }

    /** Returns the alias, or throws a 400 naming the field that carries it and the rule. */
    public static String requireValidAlias(String field, String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new InvalidRequestException(field + ": '" + abbreviate(String.valueOf(alias)) + "' is not a valid "
                    + "alias (1 to 64 lowercase letters, digits, '_' or '-', starting with a letter)");
        }
        if (alias.equals("latest")) {
            throw new InvalidRequestException(field + ": 'latest' is reserved (it always means the newest version)");
        }
        return alias;
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
