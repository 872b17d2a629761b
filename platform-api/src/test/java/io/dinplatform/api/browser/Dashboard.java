package io.dinplatform.api.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard as a person uses it: open a page by its address, find controls by their {@code data-testid}, type,
 * choose, click, and wait for what the page shows next. Every wait names what it waits for, so a timeout says which
 * part of the page never came.
 */
final class Dashboard {

    /** Long enough for any page of a test-sized platform to answer, even on a busy two-core machine. */
    static final Duration PAGE_WAIT = Duration.ofSeconds(60);

    private static final String VIOLATIONS_KEY = "din.test.policyViolations";

    private final ChromeDriver browser;
    private final String baseUrl;

    Dashboard(ChromeDriver browser, String baseUrl) {
        this.browser = browser;
        this.baseUrl = baseUrl;
    }

    ChromeDriver browser() {
        return browser;
    }

    /**
     * Gives the dashboard an API token as a person does by pasting it into the header's field: the field keeps it in
     * this tab's sessionStorage, under the key the dashboard reads ({@code din.apiToken}).
     */
    void useToken(String token) {
        browser.get(baseUrl + "/");
        browser.executeScript("window.sessionStorage.setItem('din.apiToken', arguments[0]);", token);
    }

    /**
     * From the next page load on, records every Content-Security-Policy violation the browser reports to the page (a
     * {@code securitypolicyviolation} event) in the tab's sessionStorage, where it survives reloads until
     * {@link #policyViolations()} takes it. The listener is installed through the DevTools protocol, which the policy
     * does not govern, before any of the page's own code runs.
     */
    void watchPolicyViolations() {
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                if (!window.__dinPolicyWatch) {
                    window.__dinPolicyWatch = true;
                    document.addEventListener('securitypolicyviolation', e => {
                        const seen = JSON.parse(sessionStorage.getItem('%1$s') || '[]');
                        seen.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at '
                            + e.documentURI + (e.sourceFile ? ' (' + e.sourceFile + ':' + e.lineNumber + ')' : '')
                            + (e.sample ? ': ' + e.sample : ''));
                        sessionStorage.setItem('%1$s', JSON.stringify(seen));
                    });
                }
                """.formatted(VIOLATIONS_KEY)));
    }

    /** The violations recorded since the last call (see {@link #watchPolicyViolations()}), and forgets them. */
    @SuppressWarnings("unchecked")
    List<String> policyViolations() {
        return (List<String>) browser.executeScript("""
                const seen = JSON.parse(sessionStorage.getItem(arguments[0]) || '[]');
                sessionStorage.removeItem(arguments[0]);
                return seen;
                """, VIOLATIONS_KEY);
    }

    /** Opens a page by its hash route, e.g. {@code /datasets} for {@code #/datasets}. */
    void open(String route) {
        browser.get(baseUrl + "/#" + route);
    }

    /** The page's route as the address bar shows it, without the {@code #}. */
    String route() {
        String url = browser.getCurrentUrl();
        int hash = url == null ? -1 : url.indexOf('#');
        return hash < 0 ? "" : url.substring(hash + 1);
    }

    /** The visible element with this test id, once the page shows it. */
    WebElement find(String testId) {
        return waitUntil("'" + testId + "' to be visible", PAGE_WAIT,
                ExpectedConditions.visibilityOfElementLocated(byTestId(testId)));
    }

    /** Every element with this test id, once at least one is visible. */
    List<WebElement> findAll(String testId) {
        find(testId);
        return browser.findElements(byTestId(testId));
    }

    /** Whether an element with this test id is on the page right now (no waiting). */
    boolean shows(String testId) {
        return !browser.findElements(byTestId(testId)).isEmpty();
    }

    String text(String testId) {
        return find(testId).getText();
    }

    /** Replaces a field's content the way a person does (select all, type), so React sees every keystroke. */
    void type(String testId, String text) {
        WebElement field = find(testId);
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        field.sendKeys(text);
    }

    /** Picks the option with this value in a select. */
    void choose(String testId, String value) {
        new Select(find(testId)).selectByValue(value);
    }

    /** Chooses a file in a file input; the browser reads it from this machine's disk. */
    void attach(String testId, Path file) {
        browser.findElement(byTestId(testId)).sendKeys(file.toAbsolutePath().toString());
    }

    void click(String testId) {
        waitUntil("'" + testId + "' to be clickable", PAGE_WAIT,
                ExpectedConditions.elementToBeClickable(byTestId(testId))).click();
    }

    /** Scrolls an element to the middle of the window, so that a screenshot shows it. */
    void scrollTo(String testId) {
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", find(testId));
    }

    /** Waits until the page has loaded what it shows: its code and every resource it reads (no spinner left). */
    void waitForPage() {
        waitUntil("the page to finish loading", PAGE_WAIT, d -> (Boolean) browser.executeScript(
                "const main = document.querySelector('main');"
                        + "return main !== null && main.children.length > 0"
                        + " && main.querySelector(\"[data-testid='loading']\") === null;"));
    }

    /**
     * What sticks out of the window sideways, or null when nothing does: the page must not scroll horizontally
     * ({@code scrollWidth <= innerWidth}); wide tables and heat maps scroll inside their own boxes instead. The answer
     * names the widest elements, so a failure says where to look.
     */
    String horizontalOverflow() {
        return (String) browser.executeScript("""
                const width = window.innerWidth;
                if (document.documentElement.scrollWidth <= width) return null;
                const culprits = [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > width + 0.5)
                    .map(e => e.tagName.toLowerCase() + (e.dataset.testid ? '[' + e.dataset.testid + ']' : '')
                        + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : '')
                        + ' right=' + Math.round(e.getBoundingClientRect().right))
                    .slice(0, 8);
                return 'scrollWidth ' + document.documentElement.scrollWidth + ' > innerWidth ' + width + ': '
                    + culprits.join(', ');
                """);
    }

    /** Waits until {@code condition} answers something other than null or false, and returns that answer. */
    <T> T waitUntil(String what, Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, timeout, Duration.ofMillis(250))
                .withMessage(() -> "waited " + timeout.toSeconds() + " s for " + what + " on #" + route())
                .until(condition);
    }

    static By byTestId(String testId) {
        return By.cssSelector("[data-testid='" + testId + "']");
    }
}
