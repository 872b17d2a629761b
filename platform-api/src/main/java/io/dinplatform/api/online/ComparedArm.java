package io.dinplatform.api.online;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.dinplatform.api.error.InvalidRequestException.invalidField;

/**
 * One side of an online comparison, as the query names it: {@code 4} (or {@code v4}) is every impression version 4
 * served; {@code production@v4} only those the {@code production} alias chose; a {@code :shadow} suffix takes the
 * version's shadow scores instead (labelled by the feedback on the impressions they shadow).
 *
 * @param version the version
 * @param alias   the alias that chose it, or null for any
 * @param shadow  the version's shadow scores instead of what it served
 */
record ComparedArm(int version, String alias, boolean shadow) {

    private static final Pattern SYNTAX = Pattern.compile("(?:([A-Za-z0-9][A-Za-z0-9._-]{0,63})@)?v?([0-9]{1,9})(:shadow)?");

    static ComparedArm parse(String field, String text) {
        Matcher matcher = text == null ? null : SYNTAX.matcher(text);
        if (matcher == null || !matcher.matches() || Integer.parseInt(matcher.group(2)) < 1) {
            throw invalidField(field, "expected a version (4 or v4), an alias's arm (production@v4), either with "
                    + "':shadow' for the version's shadow scores; got " + (text == null ? "nothing" : "'" + text + "'"));
        }
        return new ComparedArm(Integer.parseInt(matcher.group(2)), matcher.group(1), matcher.group(3) != null);
    }

    /** How the answer names the arm: {@code v4}, {@code production@v4}, {@code v4:shadow}. */
    String label() {
        return (alias == null ? "" : alias + "@") + "v" + version + (shadow ? ":shadow" : "");
    }
}
