package io.dinplatform.api.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * Pictures of the dashboard taken during a browser test, numbered in the order they were taken, so that a person can
 * page through what the test saw. They go to the directory in the system property {@code din.screenshots.dir}
 * (the build sets it below its build directory), else to {@code target/screenshots}.
 */
final class Screenshots {

    private final Path directory;
    private final String prefix;
    private int taken;

    /** Screenshots whose names start with {@code prefix}, the test they belong to. */
    Screenshots(String prefix) {
        this.directory = Path.of(System.getProperty("din.screenshots.dir", "target/screenshots"));
        this.prefix = prefix;
    }

    /** Saves what the browser shows now as {@code <prefix>-<NN>-<name>.png} and returns the file. */
    Path save(TakesScreenshot browser, String name) {
        taken++;
        Path file = directory.resolve(String.format(Locale.ROOT, "%s-%02d-%s.png", prefix, taken, name));
        try {
            Files.createDirectories(directory);
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the screenshot " + file, e);
        }
        System.out.println("screenshot: " + file.toAbsolutePath());
        return file;
    }
}
