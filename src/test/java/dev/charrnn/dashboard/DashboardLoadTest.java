package dev.charrnn.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.corpus.CorpusRepository;
import dev.charrnn.nn.SmoothLoss;
import dev.charrnn.records.LossChunk;
import dev.charrnn.records.LossChunkRepository;
import dev.charrnn.runs.TrainingRun;
import dev.charrnn.runs.TrainingRunRepository;
import dev.charrnn.support.ApiClient;
import dev.charrnn.support.RunFixtures;
import dev.charrnn.support.ServiceTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pages with a lot stored: the runs page with 1,000 runs (first page, pager, filter, delete) and the run page of
 * a 1,000,000-iteration run. They also measure load and redraw times and append them to target/dashboard-load.txt
 * (docs/benchmarks.md); the figures are not asserted.
 */
// a context (and database) of its own: its 1,000 stored runs would show in other tests' run lists
@ServiceTest
@TestPropertySource(properties = "charrnn.instance-name=dashboard-load")
class DashboardLoadTest {
    static final int RUNS = 1000;
    static final int ITERATIONS = 1_000_000;
    static final int CHUNK = 10_000;

    @LocalServerPort
    int port;

    @Autowired
    TrainingRunRepository runs;

    @Autowired
    CorpusRepository corpora;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    LossChunkRepository losses;

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
        // The service's first answer of a list in a fresh JVM (JIT, query plans, serializers) is timed apart, so
        // the page loads below measure the page, as a user finds it on a service that has been running.
        ApiClient api = new ApiClient(port);
        long start = System.nanoTime();
        api.get("/api/runs?page=0&size=20").expect(200);
        figures.add("GET /api/runs?page=0&size=20, first call in a fresh JVM: "
                + Math.round((System.nanoTime() - start) / 1e6) + " ms");
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
                Number apiMs = (Number) browser.script("return performance.getEntriesByType('resource')"
                        + ".filter(e => e.name.includes('/api/runs?')).map(e => e.duration)[0] || 0");
                figures.add((load == 0 ? "first load (empty cache)" : "reload " + load) + ": "
                        + Math.round(Double.parseDouble(rendered)) + " ms from navigation to the rendered table ("
                        + Math.round(apiMs.doubleValue()) + " ms of it GET /api/runs)");
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
        record(figures);
    }

    private static void record(List<String> figures) throws IOException {
        Path file = Browser.SCREENSHOTS.resolveSibling("dashboard-load.txt");
        Files.createDirectories(file.getParent());
        Files.write(file, figures, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        figures.forEach(System.out::println);
    }

    @Test
    void theRunPageOfAMillionIterationRunDrawsItsHistoryBucketedDown() throws IOException {
        Browser.assumeInstalled();
        long corpus = RunFixtures.corpus(corpora, "a million iterations\n");
        long id = RunFixtures.aRun()
                .on(corpus, 14)
                .named("a million iterations")
                .numIterations(ITERATIONS)
                .saveIn(runs)
                .getId();
        // synthetic raw losses in chunks as the writer stores them: a decay with noise
        Random random = new Random(1);
        double smooth = 25 * Math.log(14);
        for (int first = 0; first < ITERATIONS; first += CHUNK) {
            double[] raw = new double[CHUNK];
            for (int i = 0; i < CHUNK; i++) {
                int t = first + i;
                raw[i] = 25 * (1.2 + 1.4 * Math.exp(-t / 150_000.0) + 0.3 * random.nextGaussian());
            }
            losses.save(new LossChunk(id, first, smooth, raw, CHUNK));
            double[] series = SmoothLoss.series(smooth, raw);
            smooth = series[CHUNK - 1];
        }
        losses.flush();
        new TransactionTemplate(transactions)
                .executeWithoutResult(t -> runs.updateProgress(id, ITERATIONS, null, 50_000.0, 500_000));
        RunFixtures.cancelStored(runs, transactions, List.of(id));

        List<String> figures = new ArrayList<>();
        try (Browser browser = new Browser(port)) {
            browser.open("/runs/" + id);
            browser.until(d -> browser.points() > 0);
            int points = browser.points();
            assertThat(points).isBetween(1000, 1600);
            figures.add("run page, 1,000,000 iterations: " + points + " points drawn; chart drawn by "
                    + Math.round(((Number) browser.script("return performance.now()")).doubleValue())
                    + " ms after navigation (upper bound)");
            for (String control : List.of("smoothing", "log-scale", "x-axis")) {
                Number ms = (Number) browser.script(REDRAW, control);
                figures.add("  redraw after " + control + ": " + Math.round(ms.doubleValue()) + " ms");
            }
            assertThat(browser.points()).isEqualTo(points);
            browser.screenshot("run-page-1000000-iterations");
            browser.assertNoConsoleErrors(e -> false);
        }
        record(figures);
    }

    /** Changes one chart control and returns how long the page took to redraw (the handlers are synchronous). */
    private static final String REDRAW = "const el = document.getElementById(arguments[0]);"
            + "const start = performance.now();"
            + "if (el.type === 'range') { el.value = '0.95'; el.dispatchEvent(new Event('input')); }"
            + "else if (el.type === 'checkbox') { el.click(); }"
            + "else { el.value = 'time'; el.dispatchEvent(new Event('change')); }"
            + "return performance.now() - start;";
}
