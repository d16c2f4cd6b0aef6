package dev.charrnn.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.inference.LoadedModel;
import dev.charrnn.nn.DefaultCorpus;
import dev.charrnn.nn.Evaluation;
import dev.charrnn.results.RunResultsService;
import dev.charrnn.support.ApiClient;
import dev.charrnn.support.ServiceTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A run with a validation split and three sample temperatures, end to end through the API. */
@ServiceTest
class ValidationAndTemperaturesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    RunResultsService results;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void measuresTheHeldOutTextRecordsTheBestPointAndDrawsOneSamplePerTemperature() {
        long id = api.submit("""
                {"hiddenSize": 16, "numIterations": 230, "sampleEvery": 100, "sampleLength": 20,
                 "validationFraction": 0.2, "evalEvery": 50, "sampleTemperatures": [0.5, 1.0, 1.5]}""");
        api.awaitStatus(id, TIMEOUT, "SUCCEEDED");

        JsonNode run = get("/api/runs/" + id);
        assertThat(run.get("validationFraction").asDouble()).isEqualTo(0.2);
        assertThat(run.get("evalEvery").asInt()).isEqualTo(50);

        JsonNode losses = get("/api/runs/" + id + "/losses");
        assertThat(ints(losses.get("validationIterations"))).containsExactly(49, 99, 149, 199, 229);
        List<Double> validation = doubles(losses.get("validationLossPerChar"));
        assertThat(validation)
                .hasSize(5)
                .allSatisfy(v -> assertThat(v).isPositive().isLessThan(10.0));

        // the last point is the final model on the corpus' last 20% (498 of 2,490 characters, under the cap)
        LoadedModel model = results.model(id);
        String text = DefaultCorpus.TEXT;
        int n = text.codePointCount(0, text.length());
        String heldOut = text.substring(text.offsetByCodePoints(0, n - (int) Math.round(n * 0.2)));
        assertThat(validation.get(4))
                .isEqualTo(Evaluation.of(model.weights(), model.vocabulary().encode(heldOut))
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
        assertThat(drawn)
                .containsExactly(
                        "0@0.5", "0@1.0", "0@1.5", "100@0.5", "100@1.0", "100@1.5", "200@0.5", "200@1.0", "200@1.5");

        ApiClient.Response chart = api.get("/api/runs/" + id + "/charts/loss.png");
        assertThat(chart.status()).isEqualTo(200);
        assertThat(chart.bytes()).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void aRunWithoutASplitHasEmptyValidationSeriesAndNoBestPoint() {
        long id = api.submit("{\"hiddenSize\": 8, \"numIterations\": 60, \"sampleEvery\": 50}");
        api.awaitStatus(id, TIMEOUT, "SUCCEEDED");
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
    void splitsThatLeaveAPartTooShortAreRejectedSayingWhy() {
        String corpus = "abcdefghij".repeat(3);
        ApiClient.Response tooLittleTraining = post("{\"corpus\": \"" + corpus + "\", \"validationFraction\": 0.2}");
        assertThat(tooLittleTraining.status()).isEqualTo(400);
        assertThat(tooLittleTraining.json().get("detail").asString())
                .isEqualTo("validationFraction 0.2 of the corpus' 30 characters leaves 24 characters to train on; "
                        + "seqLength 25 needs at least 26");

        ApiClient.Response tooLittleValidation =
                post("{\"corpus\": \"" + corpus + "\", \"seqLength\": 5, \"validationFraction\": 0.01}");
        assertThat(tooLittleValidation.status()).isEqualTo(400);
        assertThat(tooLittleValidation.text()).contains("holds out 0 characters; validation needs at least 2");

        assertThat(post("{\"validationFraction\": 1.0}").status()).isEqualTo(400);
        assertThat(post("{\"validationFraction\": -0.1}").status()).isEqualTo(400);
        ApiClient.Response evalEvery = post("{\"validationFraction\": 0.1, \"evalEvery\": 0}");
        assertThat(evalEvery.status()).isEqualTo(400);
        assertThat(evalEvery.text()).contains("evalEvery");
    }

    private ApiClient.Response post(String json) {
        return api.post("/api/runs", json);
    }

    private JsonNode get(String path) {
        return api.get(path).expect(200);
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
