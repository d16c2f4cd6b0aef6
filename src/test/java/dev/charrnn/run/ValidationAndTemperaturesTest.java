package dev.charrnn.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.charrnn.nn.DefaultCorpus;
import dev.charrnn.nn.Evaluation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A run with a validation split and three sample temperatures, end to end through the API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource("classpath:live-test.properties")
class ValidationAndTemperaturesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    RunResultsService results;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void measuresTheHeldOutTextRecordsTheBestPointAndDrawsOneSamplePerTemperature() throws Exception {
        HttpResponse<String> submitted = post("""
                {"hiddenSize": 16, "numIterations": 230, "sampleEvery": 100, "sampleLength": 20,
                 "validationFraction": 0.2, "evalEvery": 50, "sampleTemperatures": [0.5, 1.0, 1.5]}""");
        assertThat(submitted.statusCode()).isEqualTo(202);
        long id = JSON.readTree(submitted.body()).get("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/runs/" + id).get("status").asString()
                .equals("SUCCEEDED"));

        JsonNode run = get("/api/runs/" + id);
        assertThat(run.get("validationFraction").asDouble()).isEqualTo(0.2);
        assertThat(run.get("evalEvery").asInt()).isEqualTo(50);

        JsonNode losses = get("/api/runs/" + id + "/losses");
        assertThat(ints(losses.get("validationIterations"))).containsExactly(49, 99, 149, 199, 229);
        List<Double> validation = doubles(losses.get("validationLossPerChar"));
        assertThat(validation).hasSize(5).allSatisfy(v -> assertThat(v).isPositive().isLessThan(10.0));

        // the last point is the final model on the corpus' last 20% (498 of 2,490 characters, under the cap)
        RunResultsService.Model model = results.model(id);
        String text = DefaultCorpus.TEXT;
        int n = text.codePointCount(0, text.length());
        String heldOut = text.substring(text.offsetByCodePoints(0, n - (int) Math.round(n * 0.2)));
        assertThat(validation.get(4)).isEqualTo(Evaluation.of(model.weights(), model.vocabulary().encode(heldOut))
                .lossPerChar());

        double best = validation.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        JsonNode summary = get("/api/runs/" + id + "/summary");
        assertThat(summary.get("bestValidationLossPerChar").asDouble()).isEqualTo(best);
        assertThat(summary.get("bestValidationIteration").asInt())
                .isEqualTo(ints(losses.get("validationIterations")).get(validation.indexOf(best)));

        assertThat(ints(get("/api/runs/" + id + "/losses?from=100").get("validationIterations")))
                .containsExactly(149, 199, 229);

        JsonNode samples = get("/api/runs/" + id + "/samples");
        List<String> drawn = new ArrayList<>();
        for (JsonNode s : samples) {
            drawn.add(s.get("iteration").asInt() + "@" + s.get("temperature").asDouble());
            assertThat(s.get("sample").asString()).isNotEmpty();
        }
        assertThat(drawn).containsExactly("0@0.5", "0@1.0", "0@1.5", "100@0.5", "100@1.0", "100@1.5", "200@0.5",
                "200@1.0", "200@1.5");

        HttpResponse<byte[]> chart = http.send(request("/api/runs/" + id + "/charts/loss.png").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.body()).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void aRunWithoutASplitHasEmptyValidationSeriesAndNoBestPoint() throws Exception {
        HttpResponse<String> submitted = post("{\"hiddenSize\": 8, \"numIterations\": 60, \"sampleEvery\": 50}");
        long id = JSON.readTree(submitted.body()).get("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/runs/" + id).get("status").asString()
                .equals("SUCCEEDED"));
        JsonNode losses = get("/api/runs/" + id + "/losses");
        assertThat(losses.get("validationIterations").isArray()).isTrue();
        assertThat(losses.get("validationIterations")).isEmpty();
        assertThat(losses.get("validationLossPerChar")).isEmpty();
        JsonNode summary = get("/api/runs/" + id + "/summary");
        assertThat(summary.get("bestValidationLossPerChar").isNull()).isTrue();
        assertThat(summary.get("bestValidationIteration").isNull()).isTrue();
        assertThat(get("/api/runs/" + id).get("validationFraction").asDouble()).isZero();
    }

    @Test
    void splitsThatLeaveAPartTooShortAreRejectedSayingWhy() throws Exception {
        String corpus = "abcdefghij".repeat(3);
        HttpResponse<String> tooLittleTraining = post("{\"corpus\": \"" + corpus + "\", \"validationFraction\": 0.2}");
        assertThat(tooLittleTraining.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooLittleTraining.body()).get("detail").asString())
                .isEqualTo("validationFraction 0.2 of the corpus' 30 characters leaves 24 characters to train on; "
                        + "seqLength 25 needs at least 26");

        HttpResponse<String> tooLittleValidation = post("{\"corpus\": \"" + corpus
                + "\", \"seqLength\": 5, \"validationFraction\": 0.01}");
        assertThat(tooLittleValidation.statusCode()).isEqualTo(400);
        assertThat(tooLittleValidation.body()).contains("holds out 0 characters; validation needs at least 2");

        assertThat(post("{\"validationFraction\": 1.0}").statusCode()).isEqualTo(400);
        assertThat(post("{\"validationFraction\": -0.1}").statusCode()).isEqualTo(400);
        HttpResponse<String> evalEvery = post("{\"validationFraction\": 0.1, \"evalEvery\": 0}");
        assertThat(evalEvery.statusCode()).isEqualTo(400);
        assertThat(evalEvery.body()).contains("evalEvery");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private HttpResponse<String> post(String json) throws Exception {
        return http.send(request("/api/runs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asInt()));
        return out;
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asDouble()));
        return out;
    }
}
