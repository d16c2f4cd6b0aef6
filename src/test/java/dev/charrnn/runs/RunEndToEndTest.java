package dev.charrnn.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.support.ApiClient;
import dev.charrnn.support.ServiceTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** A default run through the whole service, then everything it recorded. */
@ServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunEndToEndTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    ApiClient api;
    long runId;
    JsonNode run;

    @BeforeAll
    void trainTheReferenceRun() {
        api = new ApiClient(port);
        ApiClient.Response submitted = api.post("/api/runs", "{}");
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
        runId = submitted.json().get("id").asLong();
        assertThat(submitted.header("Location")).isEqualTo("/api/runs/" + runId);
        run = api.awaitFinished(runId, TIMEOUT);
    }

    @Test
    void theRunSucceededWithTheReferenceSettings() {
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("hiddenSize").asInt()).isEqualTo(64);
        assertThat(run.get("seqLength").asInt()).isEqualTo(25);
        assertThat(run.get("corpus").get("vocabularySize").asInt()).isEqualTo(24);
        assertThat(run.get("progress").get("iteration").asInt()).isEqualTo(2000);
        assertThat(run.get("progress").get("charsPerSecond").asDouble()).isPositive();
        assertThat(run.get("trainingSeconds").asDouble()).isPositive();
    }

    @Test
    void lossesHaveEveryIteration() {
        JsonNode losses = api.get("/api/runs/" + runId + "/losses").json();
        assertThat(losses.get("iterations").size()).isEqualTo(2000);
        assertThat(losses.get("smoothLoss").size()).isEqualTo(2000);
        assertThat(losses.get("loss").size()).isEqualTo(2000);
        for (int i = 0; i < 2000; i++) {
            assertThat(losses.get("iterations").get(i).asInt()).isEqualTo(i);
        }
        // ln(24) x 25 before training; the first smooth loss is within a step of it
        assertThat(losses.get("smoothLoss").get(0).asDouble())
                .isCloseTo(Math.log(24) * 25, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void summaryIsTheLastAndMinimumOfTheSmoothLosses() {
        JsonNode smooth = api.get("/api/runs/" + runId + "/losses").json().get("smoothLoss");
        double min = Double.POSITIVE_INFINITY;
        for (JsonNode v : smooth) {
            min = Math.min(min, v.asDouble());
        }
        JsonNode summary = api.get("/api/runs/" + runId + "/summary").json();
        assertThat(summary.get("finalLoss").asDouble())
                .isEqualTo(smooth.get(smooth.size() - 1).asDouble());
        assertThat(summary.get("minLoss").asDouble()).isEqualTo(min);
        assertThat(summary.get("numSteps").asInt()).isEqualTo(2000);
        assertThat(run.get("summary")).isEqualTo(summary);
    }

    @Test
    void downsampledLossesKeepTheEnds() {
        JsonNode losses =
                api.get("/api/runs/" + runId + "/losses?maxPoints=100").json();
        JsonNode iterations = losses.get("iterations");
        assertThat(iterations.size()).isBetween(2, 100);
        assertThat(iterations.get(0).asInt()).isZero();
        assertThat(iterations.get(iterations.size() - 1).asInt()).isEqualTo(1999);
        assertThat(losses.get("smoothLoss").size()).isEqualTo(iterations.size());

        JsonNode tail = api.get("/api/runs/" + runId + "/losses?from=1990").json();
        assertThat(tail.get("iterations").size()).isEqualTo(10);
        assertThat(tail.get("iterations").get(0).asInt()).isEqualTo(1990);
    }

    @Test
    void lossesAsCsv() {
        ApiClient.Response csv = api.get("/api/runs/" + runId + "/losses", "Accept", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.text().lines().toList();
        assertThat(lines).hasSize(2001);
        assertThat(lines.get(0)).isEqualTo("iteration,smooth_loss,loss");
        assertThat(lines.get(2000)).startsWith("1999,");
    }

    @Test
    void samplesEverySampleEveryIterations() {
        JsonNode samples = api.get("/api/runs/" + runId + "/samples").json();
        List<Integer> iterations = new ArrayList<>();
        for (JsonNode s : samples) {
            iterations.add(s.get("iteration").asInt());
            String text = s.get("sample").asString();
            assertThat(text.codePointCount(0, text.length())).isEqualTo(100);
        }
        assertThat(iterations).containsExactly(0, 200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800);
    }

    @Test
    void fiveGeneratedSamplesOf150Characters() {
        JsonNode generated = api.get("/api/runs/" + runId + "/generated").json();
        assertThat(generated.size()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            JsonNode g = generated.get(i);
            assertThat(g.get("sampleId").asInt()).isEqualTo(i + 1);
            String text = g.get("text").asString();
            assertThat(text.codePointCount(0, text.length())).isEqualTo(150);
            assertThat(g.get("seedChar").asString()).hasSize(1);
        }
    }

    @Test
    void weightsHaveTheReferenceShapes() {
        JsonNode w = api.get("/api/runs/" + runId + "/weights").json();
        assertShape(w.get("Wxh"), 64, 24);
        assertShape(w.get("Whh"), 64, 64);
        assertShape(w.get("Why"), 24, 64);
        assertShape(w.get("bh"), 64, 1);
        assertShape(w.get("by"), 24, 1);
    }

    @Test
    void vocabularyIsTheCorpusCharactersInOrder() {
        JsonNode vocabulary = api.get("/api/runs/" + runId + "/vocabulary").json();
        assertThat(vocabulary.size()).isEqualTo(24);
        List<String> chars = new ArrayList<>();
        vocabulary.forEach(c -> chars.add(c.asString()));
        assertThat(chars).isSorted().doesNotHaveDuplicates().contains("\n", " ", "a");
    }

    @Test
    void bothChartsArePngs() throws IOException {
        for (String chart : List.of("loss.png", "hidden-states.png")) {
            ApiClient.Response png = api.get("/api/runs/" + runId + "/charts/" + chart);
            assertThat(png.status()).isEqualTo(200);
            assertThat(png.header("Content-Type")).isEqualTo("image/png");
            assertThat(ImageIO.read(new ByteArrayInputStream(png.bytes())))
                    .as(chart)
                    .isNotNull();
            ApiClient.Response again =
                    api.get("/api/runs/" + runId + "/charts/" + chart, "If-None-Match", png.header("ETag"));
            assertThat(again.status()).as(chart).isEqualTo(304);
        }
    }

    @Test
    void openApiListsEveryPathTheControllersMap() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
                        .filter(p -> p.startsWith("/api/"))
                        .forEach(mapped::add));
        assertThat(mapped)
                .as("the controllers' paths, as the test sees them")
                .contains("/api/runs", "/api/runs/{id}/events", "/api/corpora/{id}", "/api/models");
        JsonNode paths = api.get("/v3/api-docs").json().get("paths");
        assertThat(mapped)
                .allSatisfy(path -> assertThat(paths.has(path)).as(path).isTrue());
        assertThat(api.get("/swagger-ui.html").status()).isIn(200, 302);
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void healthAndMetrics() {
        assertThat(api.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        ApiClient.Response prometheus = api.get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.text()).contains("charrnn_runs{").contains("status=\"SUCCEEDED\"");
        // Every gauge reports a number: a gauge whose state was collected would read NaN.
        assertThat(prometheus.text().lines().filter(l -> l.startsWith("charrnn_")))
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l).doesNotEndWith("NaN"));
    }

    @Test
    void aRunTrainsOnAnUploadedCorpus() {
        String corpus = "the quick brown fox jumps over the lazy dog. \u00e9t\u00e9 \uD83D\uDE42\n".repeat(20);
        ApiClient.Response submitted = api.postMultipart(
                "/api/runs",
                Map.of("hiddenSize", "16", "numIterations", "300", "sampleLength", "30"),
                corpus.getBytes(StandardCharsets.UTF_8));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
        long id = submitted.json().get("id").asLong();
        assertThat(submitted.json().get("corpus").get("characters").asInt())
                .isEqualTo(corpus.codePointCount(0, corpus.length()));

        JsonNode done = api.awaitFinished(id, TIMEOUT);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        List<String> expected = corpus.codePoints()
                .distinct()
                .sorted()
                .mapToObj(Character::toString)
                .toList();
        List<String> vocabulary = new ArrayList<>();
        api.get("/api/runs/" + id + "/vocabulary").json().forEach(c -> vocabulary.add(c.asString()));
        assertThat(vocabulary).isEqualTo(expected);
        assertShape(api.get("/api/runs/" + id + "/weights").json().get("Wxh"), 16, expected.size());
        for (JsonNode s : api.get("/api/runs/" + id + "/samples").json()) {
            String text = s.get("sample").asString();
            assertThat(text.codePointCount(0, text.length())).isEqualTo(30);
        }
    }

    @Test
    void identicalCorporaAreStoredOnce() {
        String text = "a corpus stored twice " + System.nanoTime() + "\n";
        ApiClient.Response first = api.post("/api/corpora", "{\"text\":\"" + text.replace("\n", "\\n") + "\"}");
        ApiClient.Response second = api.post("/api/corpora", "{\"text\":\"" + text.replace("\n", "\\n") + "\"}");
        ApiClient.Response upload = api.postMultipart("/api/corpora", Map.of(), text.getBytes(StandardCharsets.UTF_8));
        assertThat(first.status()).isEqualTo(201);
        long id = first.json().get("id").asLong();
        assertThat(first.header("Location")).isEqualTo("/api/corpora/" + id);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("id").asLong()).isEqualTo(id);
        assertThat(upload.status()).as(upload.text()).isEqualTo(201);
        assertThat(upload.json().get("id").asLong()).isEqualTo(id);
        assertThat(api.get("/api/corpora/" + id).json().get("characters").asInt())
                .isEqualTo(text.length());

        long run = api.submit("{\"corpusId\":" + id + ",\"numIterations\":5,\"seqLength\":5}");
        assertThat(api.run(run).get("corpus").get("id").asLong()).isEqualTo(id);
        api.awaitStatus(run, TIMEOUT, "SUCCEEDED");
    }

    private static void assertShape(JsonNode matrix, int rows, int cols) {
        assertThat(matrix.size()).isEqualTo(rows);
        for (JsonNode row : matrix) {
            assertThat(row.size()).isEqualTo(cols);
        }
    }
}
