package dev.charrnn.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.corpus.CorpusRepository;
import dev.charrnn.runs.TrainingRun;
import dev.charrnn.runs.TrainingRunRepository;
import dev.charrnn.support.RunFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The runs page with 1,000 runs stored: the first page (20 rows) and the pager. It also measures the time from
 * navigation to the rendered table, in a fresh browser (nothing cached) and on reloads, and writes the figures to
 * target/runs-page-load.txt (docs/benchmarks.md); they are not asserted.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:runs-page-load-test;DB_CLOSE_DELAY=-1", "charrnn.workers=1"})
class RunsPageLoadTest {
    static final int RUNS = 1000;

    @LocalServerPort
    int port;

    @Autowired
    TrainingRunRepository runs;

    @Autowired
    CorpusRepository corpora;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theFirstPageOfAThousandRunsLoads() throws IOException {
        Browser.assumeInstalled();
        long corpus = RunFixtures.corpus(corpora, "hello world\nhello deep learning\n");
        List<TrainingRun> stored = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            stored.add(RunFixtures.aRun().on(corpus, 14).named("run " + i).build());
        }
        List<Long> ids =
                runs.saveAllAndFlush(stored).stream().map(TrainingRun::getId).toList();
        RunFixtures.cancelStored(runs, transactions, ids);

        List<String> figures = new ArrayList<>();
        try (Browser browser = new Browser(port)) {
            for (int load = 0; load < 4; load++) {
                if (load == 0) {
                    browser.open("/runs");
                } else {
                    browser.driver.navigate().refresh();
                }
                browser.until(d -> d.findElements(By.cssSelector("table.runs tr[data-run-id]"))
                                        .size()
                                == 20
                        && d.findElement(By.cssSelector(".view")).getDomAttribute("data-loaded") != null);
                String rendered =
                        browser.driver.findElement(By.cssSelector(".view")).getDomAttribute("data-loaded");
                figures.add((load == 0 ? "first load (empty cache)" : "reload " + load) + ": "
                        + Math.round(Double.parseDouble(rendered)) + " ms from navigation to the rendered table");
            }
            assertThat(browser.find(By.cssSelector(".pager")).getText()).contains("Page 1 of 50", "1,000 runs");
            assertThat(browser.driver
                            .findElement(By.cssSelector("table.runs tr[data-run-id]"))
                            .getDomAttribute("data-run-id"))
                    .isEqualTo(String.valueOf(ids.get(ids.size() - 1)));
            browser.screenshot("runs-page-1000-runs");

            // pages, the status filter and a delete from the row
            browser.find(By.xpath("//button[.='Older →']")).click();
            browser.until(d -> d.findElement(By.cssSelector(".pager")).getText().contains("Page 2 of 50"));
            new Select(browser.find(By.id("status-filter"))).selectByValue("RUNNING");
            browser.until(d ->
                    d.findElement(By.cssSelector("table.runs tbody")).getText().contains("No RUNNING runs"));
            new Select(browser.find(By.id("status-filter"))).selectByValue("CANCELLED");
            browser.until(d -> d.findElement(By.cssSelector(".pager")).getText().contains("Page 1 of 50"));
            String first =
                    browser.find(By.cssSelector("table.runs tr[data-run-id]")).getDomAttribute("data-run-id");
            browser.find(By.cssSelector("button[aria-label='Delete run " + first + "']"))
                    .click();
            browser.driver.switchTo().alert().accept();
            browser.until(d -> d.findElement(By.cssSelector(".pager")).getText().contains("999 runs"));
            assertThat(runs.findById(Long.parseLong(first))).isEmpty();
            browser.assertNoConsoleErrors(e -> false);
        }
        Files.write(Browser.SCREENSHOTS.resolveSibling("runs-page-load.txt"), figures);
        figures.forEach(System.out::println);
    }
}
