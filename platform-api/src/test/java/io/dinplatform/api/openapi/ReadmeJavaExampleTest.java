package io.dinplatform.api.openapi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's Java snippet is {@link ReadmeJavaExample}'s code, which compiles and ClientTourTest runs. */
class ReadmeJavaExampleTest {

    /** Relative to platform-api, where the tests run. */
    private static final Path README = Path.of("../README.md");
    private static final Path EXAMPLE = Path.of("src/test/java/io/dinplatform/api/openapi/ReadmeJavaExample.java");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
    private static final Pattern MARKED = Pattern.compile("// README begin\n(.*?)\n\\s*// README end", Pattern.DOTALL);

    @Test
    void theReadmeShowsTheCompiledExample() throws IOException {
        Matcher readme = JAVA_BLOCK.matcher(Files.readString(README));
        Matcher example = MARKED.matcher(Files.readString(EXAMPLE));
        assertThat(readme.find()).as("a java block in the README").isTrue();
        assertThat(example.find()).as("the marked lines of %s", EXAMPLE).isTrue();

        assertThat(readme.group(1)).as("the README's Java snippet; copy it from %s", EXAMPLE)
                .isEqualTo(unindented(example.group(1)));
    }

    /** The lines without the method body's indentation, each ending with a line break. */
    private static String unindented(String lines) {
        List<String> each = lines.lines().toList();
        int indent = each.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        StringBuilder text = new StringBuilder();
        each.forEach(line -> text.append(line.length() >= indent ? line.substring(indent) : line.strip()).append('\n'));
        return text.toString();
    }
}
