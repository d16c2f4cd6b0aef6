package dev.charrnn.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.support.ServiceTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/** The experiments in the dashboard: stop reasons, labels, best weights, the runs' filters and sorts, sweeps. */
@ServiceTest
class DashboardExperimentsBrowserTest extends BrowserTestBase {
    /** A tiny run with a validation split that early stopping ends after two validation points. */
    private long earlyStoppedRun(String runName) {
        long id = api.submit(Map.of(
                "corpus",
                CORPUS,
                "hiddenSize",
                8,
                "numIterations",
                2000,
                "validationFraction",
                0.1,
                "evalEvery",
                20,
                "earlyStopping",
                Map.of("patience", 1, "minDelta", 100),
                "name",
                runName));
        assertThat(api.awaitFinished(id).get("stopReason").asString()).isEqualTo("EARLY_STOPPED");
        return id;
    }

    /** Records the URLs the page fetches, to see which checkpoint it asked for. */
    private void recordFetches() {
        browser.script("if (!window.fetched) { window.fetched = []; const f = window.fetch;"
                + " window.fetch = (u, i) => { window.fetched.push(String(u)); return f(u, i); }; }");
    }

    private boolean fetched(String part) {
        return ((List<?>) browser.script("return window.fetched || []"))
                .stream().anyMatch(u -> String.valueOf(u).contains(part));
    }

    @Test
    void theRunPageShowsWhyItStoppedEditsItsLabelsAndOffersItsBestWeights() {
        long id = earlyStoppedRun("early");
        expectedErrors =
                List.of("/api/runs/" + id + " - Failed to load resource: the server responded with a status of 400");
        browser.open("/runs/" + id);
        int stoppedAt = api.run(id).at("/summary/stoppedAtIteration").asInt();
        assertThat(browser.find(By.id("stop-reason")).getText())
                .isEqualTo("EARLY_STOPPED after iteration " + String.format("%,d", stoppedAt));

        WebElement nameInput = browser.find(By.name("edit-name"));
        nameInput.clear();
        nameInput.sendKeys("renamed");
        browser.find(By.name("edit-tags")).sendKeys("baseline, small");
        browser.find(By.name("edit-notes")).sendKeys("two lines\nof notes");
        browser.find(By.cssSelector("#labels-form button[type=submit]")).click();
        browser.until(d -> d.findElement(By.id("labels-result")).getText().contains("Saved."));
        JsonNode run = api.run(id);
        assertThat(run.get("name").asString()).isEqualTo("renamed");
        assertThat(run.get("tags").values()).extracting(JsonNode::asString).containsExactly("baseline", "small");
        assertThat(run.get("notes").asString()).isEqualTo("two lines\nof notes");
        assertThat(browser.find(By.id("run-tags")).getText()).contains("baseline", "small");
        assertThat(browser.find(By.tagName("h1")).getText()).contains("renamed");

        // the server's refusal, next to the field it names; nothing changed
        WebElement tags = browser.find(By.name("edit-tags"));
        tags.clear();
        tags.sendKeys("x".repeat(51));
        browser.find(By.cssSelector("#labels-form button[type=submit]")).click();
        String errorId = tags.getDomAttribute("aria-describedby").split(" ")[1];
        browser.until(d -> !d.findElement(By.id(errorId)).getText().isEmpty());
        assertThat(browser.find(By.id(errorId)).getText()).contains("tags");
        assertThat(browser.find(By.id("labels-result")).getText()).contains("tags");
        assertThat(api.run(id).get("tags").values()).hasSize(2);

        // best weights: the download asks for the best checkpoint
        recordFetches();
        new Select(browser.find(By.id("weights-checkpoint"))).selectByValue("best");
        browser.find(By.id("download-weights")).click();
        browser.until(d -> fetched("/api/runs/" + id + "/weights?checkpoint=best"));
        assertThat(browser.driver.findElements(By.cssSelector(".notice .message")))
                .isEmpty();

        // the playground and continued training follow the choice
        browser.find(By.cssSelector("main a[href^='#/play']")).click();
        browser.until(d -> "best".equals(d.findElement(By.id("checkpoint")).getDomProperty("value")));
        browser.driver.navigate().back();
        new Select(browser.find(By.id("weights-checkpoint"))).selectByValue("best");
        browser.find(By.xpath("//a[.='Continue training']")).click();
        browser.until(
                d -> "best".equals(d.findElement(By.name("initFrom.checkpoint")).getDomProperty("value")));
    }

    @Test
    void thePlaygroundSamplesTheBestCheckpointWithTopKAndSeveralSamples() {
        long id = earlyStoppedRun("play");
        browser.open("/play?run=" + id);
        // this run's best validation point may be its last: the request names the checkpoint either way
        recordFetches();
        new Select(browser.find(By.id("checkpoint"))).selectByValue("best");
        browser.find(By.name("length")).sendKeys("30");
        browser.find(By.name("seed")).sendKeys("7");
        browser.find(By.name("topK")).sendKeys("3");
        browser.find(By.name("numSamples")).sendKeys("2");
        browser.find(By.id("generate")).click();
        String text = browser.until(d -> {
            String t = d.findElement(By.id("generated-text")).getText();
            return t.isEmpty() ? null : t;
        });
        JsonNode expected = api.post(
                        "/api/runs/" + id + "/generate?checkpoint=best",
                        Map.of("length", 30, "seed", 7, "topK", 3, "numSamples", 2))
                .expect(200);
        assertThat(text)
                .isEqualTo(expected.at("/samples/0/text").asString() + "\n\n———\n\n"
                        + expected.at("/samples/1/text").asString());
        assertThat(browser.find(By.id("generated-meta")).getText()).contains("2 samples", "top-k 3", "iteration");

        browser.find(By.id("evaluate-text")).sendKeys("the cat sat");
        browser.find(By.id("evaluate")).click();
        browser.until(d -> !d.findElements(By.cssSelector("#evaluation dd")).isEmpty());
        assertThat(fetched("/api/runs/" + id + "/generate?checkpoint=best")).isTrue();
        assertThat(fetched("/api/runs/" + id + "/evaluate?checkpoint=best")).isTrue();
        double best = api.post("/api/runs/" + id + "/evaluate?checkpoint=best", Map.of("text", "the cat sat"))
                .expect(200)
                .get("lossPerChar")
                .asDouble();
        assertThat(browser.find(By.id("evaluation")).getText())
                .contains(java.math.BigDecimal.valueOf(best)
                        .setScale(4, java.math.RoundingMode.HALF_UP)
                        .stripTrailingZeros()
                        .toPlainString());
    }

    @Test
    void theRunsTableFiltersByTagSortsAndShowsWhyRunsStopped() {
        String tag = "t" + System.nanoTime();
        long a = earlyStoppedRun("a");
        long b = earlyStoppedRun("b");
        for (long id : List.of(a, b)) {
            api.send(
                            "PATCH",
                            "/api/runs/" + id,
                            "application/merge-patch+json",
                            ("{\"tags\": [\"" + tag + "\"]}").getBytes(StandardCharsets.UTF_8))
                    .expect(200);
        }
        browser.open("/runs");
        browser.find(By.id("tag-filter")).sendKeys(tag);
        browser.until(d -> d.findElements(By.cssSelector("tr[data-run-id]")).size() == 2);
        assertThat(browser.find(By.cssSelector("tr[data-run-id='" + a + "'] .stop-reason"))
                        .getText())
                .isEqualTo("EARLY_STOPPED");
        assertThat(browser.find(By.cssSelector("tr[data-run-id='" + a + "'] .tag"))
                        .getText())
                .isEqualTo(tag);

        // newest first by default; oldest first reverses it
        assertThat(browser.driver
                        .findElements(By.cssSelector("tr[data-run-id]"))
                        .get(0)
                        .getDomAttribute("data-run-id"))
                .isEqualTo(String.valueOf(b));
        new Select(browser.find(By.id("sort"))).selectByValue("createdAt,asc");
        browser.until(d -> d.findElements(By.cssSelector("tr[data-run-id]"))
                .get(0)
                .getDomAttribute("data-run-id")
                .equals(String.valueOf(a)));

        new Select(browser.find(By.id("sort"))).selectByValue("bestValidationLossPerChar,asc");
        List<String> expected = api
                .get("/api/runs?tag=" + tag + "&sort=bestValidationLossPerChar,asc")
                .expect(200)
                .get("content")
                .values()
                .stream()
                .map(r -> r.get("id").asString())
                .toList();
        browser.until(d -> d.findElements(By.cssSelector("tr[data-run-id]")).stream()
                .map(r -> r.getDomAttribute("data-run-id"))
                .toList()
                .equals(expected));
    }

    @Test
    void aSweepIsListedWatchedAndCancelled() {
        expectedErrors = List.of("/api/sweeps - Failed to load resource: the server responded with a status of 400");
        long id = api.post(
                        "/api/sweeps",
                        Map.of(
                                "name",
                                "endless",
                                "method",
                                "grid",
                                "maxConcurrent",
                                1,
                                "base",
                                Map.of("corpus", CORPUS, "hiddenSize", 8, "numIterations", 10_000_000),
                                "parameters",
                                Map.of("learningRate", Map.of("values", List.of(0.05, 0.1)))))
                .expect(201)
                .get("id")
                .asLong();
        try {
            browser.open("/sweeps");
            // the form: not JSON is said at once; the server's refusal is shown
            WebElement json = browser.find(By.id("sweep-json"));
            browser.script("arguments[0].value = arguments[1]", json, "{ not json");
            browser.find(By.cssSelector("#new-sweep button[type=submit]")).click();
            String errorId = json.getDomAttribute("aria-describedby").split(" ")[1];
            browser.until(d -> d.findElement(By.id(errorId)).getText().startsWith("Not JSON"));
            browser.script(
                    "arguments[0].value = arguments[1]",
                    json,
                    "{\"method\": \"grid\", \"base\": {}, \"parameters\": {\"noSuchField\": {\"values\": [1]}}}");
            browser.find(By.cssSelector("#new-sweep button[type=submit]")).click();
            browser.until(d -> d.findElement(By.id(errorId)).getText().contains("noSuchField"));
            browser.find(By.cssSelector("tr[data-sweep-id='" + id + "'] a")).click();
            browser.until(d -> d.getCurrentUrl().endsWith("#/sweeps/" + id));
            browser.until(
                    d -> "RUNNING".equals(d.findElement(By.id("sweep-status")).getText()));
            WebElement link = browser.until(d -> d.findElements(By.cssSelector("#leaderboard a")).stream()
                    .findFirst()
                    .orElse(null));
            String runHref = link.getDomAttribute("href");
            assertThat(runHref).matches("#/runs/\\d+");
            browser.find(By.id("cancel-sweep")).click();
            browser.until(
                    d -> "CANCELLED".equals(d.findElement(By.id("sweep-status")).getText()));
            assertThat(api.get("/api/sweeps/" + id).expect(200).get("status").asString())
                    .isEqualTo("CANCELLED");
            long run = Long.parseLong(runHref.substring("#/runs/".length()));
            assertThat(api.awaitFinished(run).get("status").asString()).isEqualTo("CANCELLED");
        } finally {
            // one worker: a run left training would keep every later run queued
            api.post("/api/sweeps/" + id + "/cancel");
        }
    }
}
