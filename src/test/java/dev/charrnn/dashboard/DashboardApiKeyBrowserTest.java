package dev.charrnn.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.support.ServiceTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * With an API key that also protects reads: the pages load without it, the dashboard asks for it once, keeps it
 * for the tab only and sends it as a header, the event stream included.
 */
@ServiceTest
@TestPropertySource(
        properties = {
            "charrnn.security.api-key=" + DashboardApiKeyBrowserTest.KEY,
            "charrnn.security.protect-reads=true"
        })
class DashboardApiKeyBrowserTest {
    static final String KEY = "dashboard-s3cret";

    @LocalServerPort
    int port;

    Browser browser;
    String name;

    @BeforeEach
    void open(TestInfo test) {
        Browser.assumeInstalled();
        browser = new Browser(port);
        name = test.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void close() {
        if (browser == null) {
            return;
        }
        try {
            browser.screenshot(getClass().getSimpleName() + "-" + name);
            // only the refusals that made the page ask for the key
            browser.assertNoConsoleErrors(e -> e.contains("status of 401"));
        } finally {
            browser.close();
        }
    }

    @Test
    void theKeyIsAskedForOnceKeptForTheTabAndSentAsAHeader() {
        browser.open("/runs");
        WebElement prompt = browser.find(By.id("auth"));
        assertThat(prompt.getText()).contains("needs an API key", "401");

        WebElement key = browser.find(By.cssSelector("#auth input[type=password]"));
        key.sendKeys("wrong");
        browser.find(By.cssSelector("#auth button[type=submit]")).click();
        browser.until(d -> d.findElement(By.id("auth")).getText().contains("refused the API key"));

        WebElement again = browser.find(By.cssSelector("#auth input[type=password]"));
        again.sendKeys(KEY);
        browser.find(By.cssSelector("#auth button[type=submit]")).click();
        // the list loads (whatever the other test of this class left in it)
        browser.until(d -> d.findElement(By.cssSelector(".pager")).getText().contains("Page 1 of"));
        assertThat(browser.driver.findElement(By.id("auth")).isDisplayed()).isFalse();
        assertThat(browser.script("return sessionStorage.getItem('charrnn.apiKey')"))
                .isEqualTo(KEY);
        assertThat(browser.script("return localStorage.length")).isEqualTo(0L);

        // a run submitted and followed over its event stream, all with the header
        browser.open("/new");
        browser.find(By.name("numIterations")).sendKeys("3000");
        browser.find(By.cssSelector("form.run-form button[type=submit]")).click();
        browser.until(d -> d.getCurrentUrl().matches(".*#/runs/\\d+$"));
        browser.until(d -> "SUCCEEDED".equals(d.findElement(By.id("run-status")).getText()));
        browser.until(
                d -> !d.findElements(By.cssSelector("#closing-samples li")).isEmpty());
        assertThat(browser.points()).isGreaterThan(10);
        assertThat(browser.driver.getCurrentUrl()).doesNotContain(KEY);
        List<String> entries = List.of(
                (String) browser.script("return performance.getEntriesByType('resource').map(e => e.name).join(' ')"));
        assertThat(entries.get(0)).contains("/events").doesNotContain(KEY);
    }

    @Test
    void aSubmissionRefusedForWantOfTheKeyKeepsTheFormAsTyped() {
        browser.open("/new");
        browser.find(By.name("name")).sendKeys("kept");
        browser.find(By.name("numIterations")).sendKeys("100");
        browser.find(By.cssSelector("form.run-form button[type=submit]")).click();
        WebElement prompt = browser.find(By.id("auth"));
        assertThat(prompt.getText()).contains("needs an API key", "entries are kept");
        browser.find(By.cssSelector("#auth input[type=password]")).sendKeys(KEY);
        browser.find(By.cssSelector("#auth button[type=submit]")).click();
        browser.until(d -> !d.findElement(By.id("auth")).isDisplayed());
        assertThat(browser.find(By.name("name")).getDomProperty("value")).isEqualTo("kept");
        browser.find(By.cssSelector("form.run-form button[type=submit]")).click();
        browser.until(d -> d.getCurrentUrl().matches(".*#/runs/\\d+$"));
        browser.until(d -> d.findElement(By.tagName("h1")).getText().contains("kept"));
        browser.until(d -> "SUCCEEDED".equals(d.findElement(By.id("run-status")).getText()));
    }
}
