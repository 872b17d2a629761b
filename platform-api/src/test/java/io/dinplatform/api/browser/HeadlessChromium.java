package io.dinplatform.api.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium, driven headless by its matching chromedriver. Both are named by path (Debian's packages
 * {@code chromium} and {@code chromium-driver} by default; the system properties {@code din.chromium.binary} and
 * {@code din.chromium.driver} point elsewhere), so Selenium Manager never runs and nothing is downloaded.
 */
final class HeadlessChromium {

    private static final Path BINARY = Path.of(System.getProperty("din.chromium.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("din.chromium.driver", "/usr/bin/chromedriver"));

    /** Why the browser tests were skipped: the reason a test report shows. */
    static final String NOT_INSTALLED = "SKIPPING the dashboard's browser tests: Chromium or chromedriver is not "
            + "installed. Install Debian's 'chromium' and 'chromium-driver' packages (or point -Ddin.chromium.binary "
            + "and -Ddin.chromium.driver at them) to run them.";

    /** The smaller desktop size the dashboard must lay out without breaking. */
    static final int WIDTH = 1280;
    static final int HEIGHT = 800;

    /** The phone size it must lay out without breaking either (an iPhone 12 to 15 in CSS pixels). */
    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;

    private HeadlessChromium() {
    }

    /**
     * Whether Chromium and its driver are installed; says loudly on stderr when not, because the browser tests are
     * then skipped. Continuous integration installs both, so there the browser tests run.
     */
    static boolean installed() {
        boolean installed = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
        if (!installed) {
            System.err.println("*** " + NOT_INSTALLED + " Looked for " + BINARY + " and " + DRIVER + ".");
        }
        return installed;
    }

    /**
     * Lays pages out on a phone-sized screen: a viewport of exactly {@code width} × {@code height} CSS pixels with
     * the mobile viewport rules (the page's {@code <meta name="viewport">} applies), through the DevTools protocol,
     * which sizes the page itself rather than a window with toolbars.
     */
    static void emulatePhone(ChromeDriver driver, int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    }

    /** Back to the desktop viewport the browser started with. */
    static void endPhoneEmulation(ChromeDriver driver) {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** Starts a headless browser on this profile directory; quit it after use (the directory stays). */
    static ChromeDriver start(Path profileDirectory) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(BINARY.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--disable-quic", "--window-size=" + WIDTH + "," + HEIGHT,
                        "--user-data-dir=" + profileDirectory.toAbsolutePath());
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        fitViewport(driver);
        return driver;
    }

    /**
     * {@code --window-size} sizes the whole window, its (invisible) toolbars included; the page gets less. Grows the
     * window by the difference, so that pages and screenshots have exactly WIDTH × HEIGHT.
     */
    private static void fitViewport(ChromeDriver driver) {
        long innerWidth = ((Number) driver.executeScript("return window.innerWidth;")).longValue();
        long innerHeight = ((Number) driver.executeScript("return window.innerHeight;")).longValue();
        Dimension window = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(window.getWidth() + (int) (WIDTH - innerWidth),
                window.getHeight() + (int) (HEIGHT - innerHeight)));
    }

    /** A fresh, empty profile directory: no state from an earlier run or from a person's browser leaks in. */
    static Path temporaryProfile() {
        try {
            return Files.createTempDirectory("din-chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
