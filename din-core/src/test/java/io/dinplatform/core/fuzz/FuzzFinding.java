package io.dinplatform.core.fuzz;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The failure a Jazzer fuzz test reports when an input breaks its contract. It names the file that keeps the input:
 * while fuzzing, libFuzzer writes it to {@code crash-<SHA-1 of the input>} in Jazzer's base directory (the build
 * directory's {@code jazzer/}, set by the module's surefire configuration), so that it can be copied into the fuzz
 * test's seed corpus to become a regression test; during the regression run the input is one of those seeds already.
 */
public final class FuzzFinding {

    /** Where Jazzer keeps its files: set by the modules' surefire configuration. */
    private static final String JAZZER_BASE_DIRECTORY = "jazzer.internal.basedir";
    /** Jazzer fuzzes when this environment variable (or system property) is true, 1 or yes; else it replays seeds. */
    private static final String JAZZER_FUZZ = "JAZZER_FUZZ";
    private static final int SHOWN_BASE64_CHARS = 2_000;

    private FuzzFinding() {
    }

    /** An assertion error for the input, with what went wrong and where the input is kept. */
    public static AssertionError of(byte[] input, String problem, Throwable cause) {
        return new AssertionError(problem + "; " + whereKept(input) + "; the input in Base64: " + base64(input), cause);
    }

    private static String whereKept(byte[] input) {
        if (!fuzzing()) {
            return "the input is a seed of the fuzz test's corpus";
        }
        Path crashFile = Path.of(System.getProperty(JAZZER_BASE_DIRECTORY, "")).toAbsolutePath()
                .resolve("crash-" + sha1(input));
        return "unless it is a seed, libFuzzer saved the input as " + crashFile
                + " (copy it into the test's <TestClass>Inputs/<method> resources to replay it in every build)";
    }

    private static boolean fuzzing() {
        String value = System.getenv(JAZZER_FUZZ) != null
                ? System.getenv(JAZZER_FUZZ)
                : System.getProperty(JAZZER_FUZZ);
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1") || value.equalsIgnoreCase("yes"));
    }

    private static String base64(byte[] input) {
        String text = Base64.getEncoder().encodeToString(input);
        return text.length() <= SHOWN_BASE64_CHARS ? text : text.substring(0, SHOWN_BASE64_CHARS) + "...";
    }

    private static String sha1(byte[] input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(input));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
