package dev.charrnn.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.charrnn.support.ServiceTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The dashboard in headless Chromium against the whole service: what a person does, click by click. */
@ServiceTest
class DashboardBrowserTest extends BrowserTestBase {
    static final String XSS = "<img src=x onerror=alert(1)>";

    /** Finished runs by port and hidden size: the tests that only read them share them. */
    private static final Map<String, Long> FINISHED = new ConcurrentHashMap<>();

    /** A small run on the test corpus, trained to the end. */
    private long finishedRun(int hiddenSize, int seqLength) {
        return FINISHED.computeIfAbsent(port + "/" + hiddenSize + "/" + seqLength, k -> train(hiddenSize, seqLength));
    }

    private long train(int hiddenSize, int seqLength) {
        long id = api.submit(Map.of(
                "corpus",
                CORPUS,
                "hiddenSize",
                hiddenSize,
                "seqLength",
                seqLength,
                "numIterations",
                400,
                "validationFraction",
                0.1,
                "evalEvery",
                100,
                "name",
                "h" + hiddenSize));
        assertThat(api.awaitFinished(id).get("status").asString()).isEqualTo("SUCCEEDED");
        return id;
    }

    @Test
    void aRunSubmittedWithAnUploadedFileIsWatchedLiveAndCancelled(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("corpus.txt");
        Files.writeString(file, CORPUS, StandardCharsets.UTF_8);
        browser.open("/new");
        browser.find(By.cssSelector("input[type=radio][value=file]")).click();
        browser.find(By.cssSelector("input[type=file]"))
                .sendKeys(file.toAbsolutePath().toString());
        browser.find(By.name("numIterations")).sendKeys("5000000");
        browser.find(By.name("sampleEvery")).sendKeys("100");
        browser.find(By.name("name")).sendKeys("uploaded");
        browser.find(By.cssSelector("form.run-form button[type=submit]")).click();

        String hash = browser.until(d -> {
            String url = d.getCurrentUrl();
            return url.matches(".*#/runs/\\d+$") ? url.substring(url.indexOf('#')) : null;
        });
        long id = Long.parseLong(hash.substring("#/runs/".length()));
        try {
            watchAndCancel(id);
        } finally {
            // one worker: a run left training would keep every later run queued
            api.post("/api/runs/" + id + "/cancel");
        }
    }

    private void watchAndCancel(long id) {
        assertThat(api.run(id).get("corpus").get("characters").asInt()).isEqualTo(CORPUS.length());
        assertThat(api.run(id).get("name").asString()).isEqualTo("uploaded");

        browser.until(d -> "RUNNING".equals(d.findElement(By.id("run-status")).getText()));
        int first = browser.until(d -> browser.points() > 0 ? browser.points() : null);
        int second = browser.until(d -> browser.points() > first ? browser.points() : null);
        browser.until(d -> browser.points() > second);
        browser.until(d -> !d.findElements(By.cssSelector("#samples li")).isEmpty());
        assertThat(browser.find(By.cssSelector("#samples li .sample-meta")).getText())
                .contains("iteration");
        assertThat(browser.find(By.id("progress-text")).getText()).contains("/ 5,000,000");

        // smoothing, log scale and time axis redraw the same points; a redraw that reads the history again holds
        // at most the page's 1,500 history points (run.js HISTORY_POINTS), which a fast run passes within seconds
        int before = browser.points();
        browser.find(By.id("log-scale")).click();
        new Select(browser.find(By.id("x-axis"))).selectByValue("time");
        assertThat(browser.points()).isGreaterThanOrEqualTo(Math.min(before, 1500));
        browser.screenshot("run-page-live");

        browser.find(By.id("cancel")).click();
        browser.until(d -> "CANCELLED".equals(d.findElement(By.id("run-status")).getText()));
        assertThat(api.status(id)).isEqualTo("CANCELLED");
    }

    @Test
    void theServersProblemIsShownNextToTheFieldItNames() {
        // the refusals themselves: the corpus looked up as it is typed, then the submissions
        expectedErrors = List.of(
                "/api/corpora/987654 - Failed to load resource: the server responded with a status of 404",
                "/api/runs - Failed to load resource: the server responded with a status of 400");
        browser.open("/new");
        browser.find(By.cssSelector("input[type=radio][value=stored]")).click();
        WebElement corpusId = browser.find(By.name("corpusId"));
        corpusId.sendKeys("987654");
        browser.find(By.cssSelector("form.run-form button[type=submit]")).click();
        WebElement error =
                browser.find(By.id(corpusId.getDomAttribute("aria-describedby").split(" ")[1]));
        assertThat(error.getText()).contains("corpusId 987654 does not exist");
        assertThat(corpusId.getDomAttribute("aria-invalid")).isEqualTo("true");

        // A bound the browser does not know (as if the API's had changed): the server's field error, in place
        browser.find(By.cssSelector("input[type=radio][value=builtin]")).click();
        WebElement hidden = browser.find(By.name("hiddenSize"));
        browser.script("arguments[0].removeAttribute('max')", hidden);
        hidden.sendKeys("5000");
        browser.find(By.cssSelector("form.run-form button[type=submit]")).click();
        String errorId = hidden.getDomAttribute("aria-describedby").split(" ")[1];
        browser.until(d -> d.findElement(By.id(errorId)).getText().contains("hiddenSize"));
        assertThat(browser.driver.findElement(By.id(errorId)).getText())
                .contains("hiddenSize must be less than or equal to 1024");
        assertThat(browser.driver.getCurrentUrl()).endsWith("#/new");
    }

    @Test
    void thePlaygroundGeneratesAndEvaluates() {
        long id = finishedRun(16, 25);
        browser.open("/play?run=" + id);
        browser.find(By.name("length")).sendKeys("80");
        browser.find(By.name("prime")).sendKeys("the ");
        browser.find(By.name("seed")).sendKeys("7");
        browser.find(By.id("generate")).click();
        String text = browser.until(d -> {
            String t = d.findElement(By.id("generated-text")).getText();
            return t.isEmpty() ? null : t;
        });
        assertThat(text).startsWith("the ");
        assertThat(browser.find(By.id("generated-meta")).getText()).contains("80 characters", "seed 7");
        assertThat(text.substring(4).codePointCount(0, text.length() - 4)).isEqualTo(80);

        browser.find(By.id("evaluate-text")).sendKeys("the cat sat on the log");
        browser.find(By.id("evaluate")).click();
        WebElement evaluation = browser.find(By.cssSelector("#evaluation dd"));
        assertThat(evaluation.getText()).isEqualTo("22");
        assertThat(browser.find(By.id("evaluation")).getText()).contains("Bits per char", "Perplexity");

        // an imported model (the run's export) plays the same way
        long model = api.post(
                        "/api/models",
                        Map.of(
                                "name",
                                "imported",
                                "weights",
                                api.get("/api/runs/" + id + "/weights").json(),
                                "vocabulary",
                                api.get("/api/runs/" + id + "/vocabulary").json()))
                .expect(201)
                .get("id")
                .asLong();
        browser.open("/play?model=" + model);
        browser.until(d -> d.findElement(By.id("source-info")).getText().contains("Model #" + model));
        browser.find(By.name("length")).sendKeys("80");
        browser.find(By.name("prime")).sendKeys("the ");
        browser.find(By.name("seed")).sendKeys("7");
        browser.find(By.id("generate")).click();
        browser.until(d -> !d.findElement(By.id("generated-text")).getText().isEmpty());
        assertThat(browser.find(By.id("generated-text")).getText()).isEqualTo(text);
    }

    @Test
    void theNeuronViewColoursTheTextAndShowsTopFiveGuesses() {
        long id = finishedRun(16, 25);
        browser.open("/neurons/" + id);
        WebElement text = browser.find(By.id("neuron-text"));
        text.clear();
        text.sendKeys("the cat sat on the mat");
        browser.find(By.cssSelector("form button[type=submit]")).click();
        browser.until(d -> d.findElements(By.cssSelector("#neuron-view .cell")).size() == 22);

        List<WebElement> cells = browser.driver.findElements(By.cssSelector("#neuron-view .cell"));
        assertThat(cells.get(0).findElement(By.cssSelector(".ch")).getText()).isEqualTo("t");
        assertThat(cells.get(3).findElement(By.cssSelector(".ch")).getText()).isEqualTo("␣");
        for (WebElement cell : cells) {
            assertThat(cell.findElements(By.cssSelector(".guess"))).hasSize(5);
            String colour = cell.findElement(By.cssSelector(".ch")).getCssValue("background-color");
            double a = Double.parseDouble(cell.getDomAttribute("data-activation"));
            assertThat(colour).isEqualTo(expectedColour(a));
        }
        // the pattern ranks units; choosing one recolours the text
        WebElement pattern = browser.find(By.id("pattern"));
        pattern.clear();
        pattern.sendKeys("at");
        browser.until(
                d -> d.findElements(By.cssSelector("#neuron-view .ch.masked")).size() == 6);
        List<WebElement> ranked = browser.driver.findElements(By.cssSelector("#ranking button"));
        assertThat(ranked).hasSize(10);
        String unit = ranked.get(0).getDomAttribute("data-unit");
        ranked.get(0).click();
        browser.until(d -> unit.equals(d.findElement(By.id("neuron-view")).getDomAttribute("data-unit")));
        assertThat(browser.find(By.id("unit")).getDomProperty("value")).isEqualTo(unit);
    }

    @Test
    void theRunPageDrawsTheHeatmapAndContinuesTraining() {
        long id = finishedRun(16, 25);
        browser.open("/runs/" + id);
        browser.find(By.cssSelector(".chart-host[data-points]"));
        browser.find(By.xpath("//label[starts-with(., 'Text to read')]/following-sibling::input"))
                .sendKeys("the cat sat");
        browser.find(By.xpath("//button[.='Show hidden states']")).click();
        browser.until(d -> ((Number)
                                browser.script(
                                        "const i = document.querySelector('img.heatmap'); return i && i.complete ? i.naturalWidth : 0"))
                        .intValue()
                > 0);
        assertThat(browser.find(By.cssSelector("img.heatmap")).getDomProperty("src"))
                .startsWith("blob:");

        browser.find(By.xpath("//a[.='Continue training']")).click();
        WebElement runId = browser.find(By.name("initFrom.runId"));
        assertThat(runId.getDomProperty("value")).isEqualTo(String.valueOf(id));
        assertThat(browser.find(By.name("corpusId")).getDomProperty("value"))
                .isEqualTo(api.run(id).at("/corpus/id").asString());
        browser.find(By.name("numIterations")).sendKeys("50");
        browser.find(By.cssSelector("form.run-form button[type=submit]")).click();
        String url = browser.until(d -> d.getCurrentUrl().matches(".*#/runs/\\d+$") ? d.getCurrentUrl() : null);
        long continued = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
        assertThat(continued).isNotEqualTo(id);
        assertThat(api.run(continued).at("/initFrom/runId").asLong()).isEqualTo(id);
        browser.until(d -> d.findElement(By.cssSelector("dl.stats")).getText().contains("run " + id));
        api.awaitFinished(continued);
    }

    @Test
    void swaggerUiStillWorksUnderThePolicy() {
        browser.driver.get("http://127.0.0.1:" + port + "/swagger-ui/index.html");
        browser.find(By.cssSelector(".swagger-ui .info"));
        browser.find(By.xpath("//*[contains(., '/api/runs/{id}/activations')]"));
    }

    @Test
    void aStackedLstmSubmittedThroughTheFormShowsEveryLayerAndCellState() {
        // the model fields come from the API's schema: the form offers the cells the API takes
        browser.open("/new");
        new Select(browser.find(By.name("cell"))).selectByValue("lstm");
        browser.find(By.name("layers")).sendKeys("2");
        browser.find(By.name("hiddenSize")).sendKeys("12");
        browser.find(By.name("numIterations")).sendKeys("150");
        browser.find(By.cssSelector("input[type=radio][value=pasted]")).click();
        browser.script("arguments[0].value = arguments[1]", browser.find(By.name("corpus")), CORPUS);
        browser.find(By.cssSelector("form.run-form button[type=submit]")).click();
        String url = browser.until(d -> d.getCurrentUrl().matches(".*#/runs/\\d+$") ? d.getCurrentUrl() : null);
        long id = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
        assertThat(api.run(id).get("cell").asString()).isEqualToIgnoringCase("lstm");
        browser.until(d -> "SUCCEEDED".equals(d.findElement(By.id("run-status")).getText()));
        assertThat(browser.find(By.cssSelector("dl.stats")).getText()).contains("lstm × 2 × 12");

        browser.open("/neurons/" + id);
        browser.until(d -> d.findElements(By.cssSelector("#layer option")).size() == 4);
        assertThat(browser.driver.findElements(By.cssSelector("#layer option")))
                .extracting(WebElement::getText)
                .containsExactly(
                        "layer 0 lstm h (12 units)",
                        "layer 0 lstm c (12 units)",
                        "layer 1 lstm h (12 units)",
                        "layer 1 lstm c (12 units)");
        new Select(browser.find(By.id("layer"))).selectByIndex(3);
        browser.until(d -> !d.findElements(By.cssSelector("#neuron-view .cell")).isEmpty());
        assertThat(browser.driver.findElements(By.cssSelector("#ranking button")))
                .hasSize(10);
    }

    /** The view's scale: blue for -1, white for 0, red for +1 (at most 75% saturated). */
    private static String expectedColour(double a) {
        long t = Math.round(255 - 191 * Math.min(1, Math.abs(a)));
        return a >= 0 ? "rgba(255, " + t + ", " + t + ", 1)" : "rgba(" + t + ", " + t + ", 255, 1)";
    }

    @Test
    void compareOverlaysTwoRunsAndHighlightsWhatDiffers() {
        long a = finishedRun(16, 25);
        long b = finishedRun(24, 25);
        browser.open("/runs");
        browser.find(By.cssSelector("tr[data-run-id='" + a + "'] input[type=checkbox]"))
                .click();
        browser.find(By.cssSelector("tr[data-run-id='" + b + "'] input[type=checkbox]"))
                .click();
        browser.find(By.xpath("//button[starts-with(., 'Compare selected')]")).click();
        browser.until(d -> d.getCurrentUrl().contains("#/compare?ids="));
        WebElement chart = browser.find(By.cssSelector(".chart-host[data-curves='2']"));
        assertThat(Integer.parseInt(chart.getDomAttribute("data-points"))).isGreaterThan(2);
        String legend = browser.find(By.cssSelector(".u-legend")).getText();
        assertThat(legend).contains("#" + a + " h16", "#" + b + " h24");
        assertThat(browser.find(By.cssSelector("tr[data-key='hiddenSize']")).getDomAttribute("class"))
                .contains("differs");
        assertThat(browser.find(By.cssSelector("tr[data-key='seqLength']")).getDomAttribute("class"))
                .isNull();
        // the fields the service found differing, as it names them
        assertThat(browser.find(By.id("differing-fields")).getText()).contains("hiddenSize");

        // training time: the same runs on the service's grid in seconds
        new Select(browser.find(By.id("x-axis"))).selectByValue("time");
        browser.until(d -> browser.script("return performance.getEntriesByType('resource')"
                        + ".some(e => e.name.includes('/api/runs/compare') && e.name.includes('x=seconds'))")
                .equals(Boolean.TRUE));
        assertThat(Integer.parseInt(chart.getDomAttribute("data-points"))).isGreaterThan(2);
    }

    @Test
    void userTextIsShownAsTextNeverAsHtml() {
        String corpus = (XSS + "\nhello <b>bold</b> & \"quotes\"\n").repeat(30);
        browser.open("/new");
        browser.find(By.cssSelector("input[type=radio][value=pasted]")).click();
        WebElement pasted = browser.find(By.name("corpus"));
        browser.script("arguments[0].value = arguments[1]", pasted, corpus);
        browser.find(By.name("name")).sendKeys(XSS);
        browser.find(By.name("numIterations")).sendKeys("300");
        // submitted from the keyboard
        browser.find(By.name("sampleEvery")).sendKeys("50", Keys.ENTER);
        browser.until(d -> d.getCurrentUrl().matches(".*#/runs/\\d+$"));
        browser.until(d -> "SUCCEEDED".equals(d.findElement(By.id("run-status")).getText()));
        browser.until(
                d -> !d.findElements(By.cssSelector("#closing-samples li")).isEmpty());

        assertThat(browser.find(By.tagName("h1")).getText()).contains(XSS);
        assertThat(browser.driver.findElements(By.cssSelector("main img[src='x'], main b")))
                .isEmpty();
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);

        // the model learnt the markup: its samples show it as characters
        browser.open("/play?run="
                + api.get("/api/runs?size=1").json().at("/content/0/id").asLong());
        browser.find(By.name("prime")).sendKeys("<img src=x onerr");
        browser.find(By.name("temperature")).sendKeys("0.5");
        browser.find(By.id("generate")).click();
        String generated = browser.until(d -> {
            String t = d.findElement(By.id("generated-text")).getText();
            return t.isEmpty() ? null : t;
        });
        assertThat(generated).startsWith("<img src=x onerr");
        browser.open("/runs");
        browser.find(By.cssSelector("tr[data-run-id] .run-name"));
        assertThat(browser.driver
                        .findElement(By.cssSelector("tr[data-run-id] .run-name"))
                        .getText())
                .isEqualTo(XSS);
        assertThat(browser.driver.findElements(By.cssSelector("img[src='x'], b")))
                .isEmpty();
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void everyPageLoadsWithoutConsoleErrorsAtPhoneWidth() {
        long id = finishedRun(16, 25);
        browser.resize(390, 844);
        for (String route :
                List.of("/runs", "/new", "/runs/" + id, "/play?run=" + id, "/neurons/" + id, "/compare", "/sweeps")) {
            browser.open(route);
            browser.find(By.tagName("h1"));
            browser.until(d -> d.findElements(By.xpath("//*[text()='Loading…' or text()='Loading the form…']"))
                    .isEmpty());
            // nothing wider than the window: no sideways scrolling of the page itself
            Number scroll = (Number) browser.script("return document.documentElement.scrollWidth");
            assertThat(scroll.intValue()).as(route).isLessThanOrEqualTo(390);
            assertThat(browser.consoleErrors()).as(route).isEmpty();
            // every control has a label a screen reader can announce
            assertThat((List<?>) browser.script("return [...document.querySelectorAll('input, select, textarea')]"
                            + ".filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length)"
                            + " && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))"
                            + ".map(e => e.outerHTML)"))
                    .as(route)
                    .isEmpty();
        }
        browser.open("/runs/" + id);
        browser.find(By.cssSelector(".chart-host[data-points]"));
        browser.screenshot("phone-run-page");
    }
}
