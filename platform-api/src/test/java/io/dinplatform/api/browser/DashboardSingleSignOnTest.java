package io.dinplatform.api.browser;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

import io.dinplatform.api.MultipartForm;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.api.TestHttp;
import io.dinplatform.api.security.oidc.SingleSignOnPlatformTest;
import io.dinplatform.api.security.oidc.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.http.MediaType;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard signs in through the platform's OpenID Connect issuer in a real headless Chromium: the sign-in
 * button takes the browser to the issuer's login form (Spring Authorization Server, {@link TestIssuer}), the user's
 * password brings it back with a code, which the dashboard exchanges itself (PKCE, from the browser, across
 * origins); the page it comes back to then reads the catalog with the issuer's token, under the platform's
 * Content-Security-Policy and without a single violation.
 */
@EnabledIf(value = "io.dinplatform.api.browser.HeadlessChromium#installed",
        disabledReason = HeadlessChromium.NOT_INSTALLED)
class DashboardSingleSignOnTest extends SingleSignOnPlatformTest {

    private static final String DATASET = "sso-" + UUID.randomUUID().toString().substring(0, 8);

    private static Path profile;
    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        profile = HeadlessChromium.temporaryProfile();
        browser = HeadlessChromium.start(profile);
    }

    @AfterAll
    static void quitBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    @Test
    void theDashboardSignsInThroughTheIssuerAndReadsTheCatalogWithItsToken() {
        // the issuer compares redirect addresses exactly and refuses 'localhost': the dashboard is opened at 127.0.0.1
        String dashboardUrl = "http://127.0.0.1:" + port;
        issuer().allowDashboard(dashboardUrl + "/");
        uploadDataset();
        Dashboard dashboard = new Dashboard(browser, dashboardUrl);
        dashboard.watchPolicyViolations();
        dashboard.open("/datasets");
        dashboard.waitForPage();

        dashboard.click("sso-sign-in");
        dashboard.waitUntil("the issuer's login form", Dashboard.PAGE_WAIT,
                d -> d.getCurrentUrl().startsWith(issuer().uri() + "/login"));
        browser.findElement(By.id("username")).sendKeys(TestIssuer.USER);
        browser.findElement(By.id("password")).sendKeys(TestIssuer.PASSWORD);
        browser.findElement(By.cssSelector("button[type='submit']")).click();
        dashboard.waitUntil("the dashboard to be signed in", Dashboard.PAGE_WAIT,
                d -> d.getCurrentUrl().startsWith(dashboardUrl) && dashboard.shows("token-status"));
        dashboard.waitForPage();

        assertThat(browser.getCurrentUrl()).as("the issuer's answer is gone from the address")
                .isEqualTo(dashboardUrl + "/#/datasets");
        assertThat((String) browser.executeScript("return sessionStorage.getItem('din.apiToken');"))
                .as("the issuer's access token, a JWT").matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        dashboard.waitUntil("the datasets the token may read", Dashboard.PAGE_WAIT,
                d -> d.findElements(By.cssSelector("[data-testid='dataset-row']")).stream()
                        .anyMatch(row -> row.getText().contains(DATASET)));
        assertThat(browser.findElements(By.cssSelector("[role='alert']"))).as("problems shown").isEmpty();
        assertThat(dashboard.policyViolations()).as("policy violations").isEmpty();
    }

    private void uploadDataset() {
        MultipartForm form = new MultipartForm().field("name", DATASET).json("schema", SamplesCsv.SCHEMA)
                .file("file", SamplesCsv.bytes(SamplesCsv.rows(20, 0)), "s.csv");
        int status = TestHttp.client(port, ADMIN).post().uri("/api/v1/datasets")
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form.parts()).retrieve().toBodilessEntity()
                .getStatusCode().value();
        assertThat(status).isEqualTo(201);
        // the admin token owns the dataset; the signed-in user reads it through a grant to one of its groups
        int granted = TestHttp.client(port, ADMIN).put().uri("/api/v1/datasets/" + DATASET + "/grants")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"grants\": [{\"grantee\": \"group:" + TestIssuer.GROUPS.get(0)
                        + "\", \"permission\": \"read\"}]}")
                .retrieve().toBodilessEntity().getStatusCode().value();
        assertThat(granted).isEqualTo(200);
    }
}
