package dev.charrnn.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.support.ApiClient;
import dev.charrnn.support.ServiceTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ServiceTest
class RunComparisonTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asDouble()));
        return out;
    }

    @Test
    void runsAreOverlaidOnOneGridWithTheirDifferingFieldsNamed() {
        long a = api.submit("{\"name\": \"short\", \"hiddenSize\": 8, \"numIterations\": 50, \"sampleEvery\": 1000}");
        long b = api.submit("{\"hiddenSize\": 8, \"numIterations\": 120, \"sampleEvery\": 1000, "
                + "\"validationFraction\": 0.2, \"evalEvery\": 40}");
        long c = api.submit("{\"name\": \"short\", \"hiddenSize\": 8, \"numIterations\": 80, \"sampleEvery\": 1000}");
        for (long id : new long[] {a, b, c}) {
            api.awaitStatus(id, TIMEOUT, "SUCCEEDED");
        }
        JsonNode comparison = api.get("/api/runs/compare?ids=" + a + "," + b + "," + c + "&maxPoints=20")
                .expect(200);
        assertThat(comparison.get("x").asString()).isEqualTo("iteration");
        JsonNode runs = comparison.get("runs");
        assertThat(runs.size()).isEqualTo(3);
        List<Double> longest = doubles(runs.get(1).get("x"));
        assertThat(longest).hasSize(20).startsWith(0.0).endsWith(119.0);
        // the shorter runs are on the same grid, up to where they ended
        List<Double> shortest = doubles(runs.get(0).get("x"));
        assertThat(longest).startsWith(shortest.toArray(Double[]::new));
        assertThat(shortest.get(shortest.size() - 1)).isLessThanOrEqualTo(49.0);
        assertThat(longest.subList(shortest.size(), longest.size()))
                .allSatisfy(x -> assertThat(x).isGreaterThan(49.0));
        // each value is the run's own smooth loss per character at that iteration
        JsonNode losses = api.get("/api/runs/" + b + "/losses").expect(200);
        List<Double> lossPerChar = doubles(runs.get(1).get("lossPerChar"));
        for (int k = 0; k < longest.size(); k++) {
            int iteration = longest.get(k).intValue();
            assertThat(lossPerChar.get(k))
                    .isEqualTo(losses.get("smoothLoss").get(iteration).asDouble() / 25);
        }
        assertThat(doubles(runs.get(1).get("validationX"))).containsExactly(39.0, 79.0, 119.0);
        assertThat(runs.get(0).get("validationX")).isEmpty();

        assertThat(runs.get(0).get("label").asString()).isEqualTo("short (run " + a + ")");
        assertThat(runs.get(1).get("label").asString()).isEqualTo("run " + b);
        assertThat(runs.get(1).get("config").get("hiddenSize").asInt()).isEqualTo(8);
        List<String> differing = new ArrayList<>();
        comparison.get("differingFields").forEach(f -> differing.add(f.asString()));
        assertThat(differing)
                .contains("numIterations", "validationFraction", "evalEvery")
                .doesNotContain("hiddenSize", "seqLength", "name", "id", "summary");

        JsonNode bySeconds = api.get("/api/runs/compare?ids=" + a + "," + b + "&x=seconds&maxPoints=10")
                .expect(200);
        assertThat(bySeconds.get("x").asString()).isEqualTo("seconds");
        List<Double> seconds = doubles(bySeconds.get("runs").get(1).get("x"));
        assertThat(seconds).isSorted();
        assertThat(seconds.get(seconds.size() - 1))
                .isLessThanOrEqualTo(api.run(b).get("trainingSeconds").asDouble() + 1e-9);

        ApiClient.Response png = api.get("/api/runs/compare/loss.png?ids=" + a + "," + b + "," + c);
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.header("Content-Type")).isEqualTo("image/png");
        assertThat(png.bytes()).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void badComparisonsAreNamed() {
        api.get("/api/runs/compare").expectProblem(400, "ids is required");
        api.get("/api/runs/compare?ids=1,x").expectProblem(400, "'x' is not one");
        api.get("/api/runs/compare?ids=1,2,3,4,5,6,7,8,9,10,11").expectProblem(400, "at most 10");
        api.get("/api/runs/compare?ids=1&x=time").expectProblem(400, "x must be iteration or seconds");
        api.get("/api/runs/compare?ids=1&maxPoints=1").expectProblem(400, "maxPoints must be between 2");
        api.get("/api/runs/compare?ids=99999999").expectProblem(404, "run 99999999");
        api.get("/api/runs/compare/loss.png?ids=99999999").expectProblem(404, "run 99999999");
    }
}
