package dev.charrnn.dashboard;

import dev.charrnn.support.ApiClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every browser test of the dashboard shares: a browser on the service's port (the test is skipped when Chromium
 * is not installed), an API client beside it, and at the end a screenshot under {@code target/} and no console errors
 * but those the test expects.
 */
abstract class BrowserTestBase {
    /** A small corpus the tests train on. */
    static final String CORPUS = "the cat sat on the mat\nthe dog sat on the log\n".repeat(40);

    @LocalServerPort
    int port;

    ApiClient api;
    Browser browser;
    String name;

    /** Console errors a test provokes on purpose (the service's own refusals); none by default. */
    List<String> expectedErrors = List.of();

    @BeforeEach
    void open(TestInfo test) {
        Browser.assumeInstalled();
        api = new ApiClient(port);
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
            browser.assertNoConsoleErrors(e -> expectedErrors.stream().anyMatch(e::contains));
        } finally {
            browser.close();
        }
    }
}
