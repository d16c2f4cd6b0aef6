package dev.charrnn.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.nn.DefaultCorpus;
import dev.charrnn.runs.RunService;
import dev.charrnn.runs.StopReason;
import dev.charrnn.support.ApiClient;
import dev.charrnn.support.ServiceTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Best checkpoints, early stopping and divergence through the API. */
@ServiceTest
class BestCheckpointAndStopRulesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    ApiClient api;

    @Autowired
    RunService runs;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    /** The default corpus' last 20%: the held-out text of a run with validationFraction 0.2. */
    private static String heldOut() {
        String text = DefaultCorpus.TEXT;
        int n = text.codePointCount(0, text.length());
        return text.substring(text.offsetByCodePoints(0, n - (int) Math.round(n * 0.2)));
    }

    @Test
    void theBestCheckpointsWeightsScoreTheRecordedBestValidationLoss() {
        long id = api.submit("""
                {"hiddenSize": 16, "numIterations": 300, "sampleEvery": 1000, "learningRate": 0.3,
                 "validationFraction": 0.2, "evalEvery": 30}""");
        JsonNode run = api.awaitStatus(id, TIMEOUT, "SUCCEEDED");
        JsonNode summary = run.get("summary");
        assertThat(run.get("stopReason").asString()).isEqualTo("COMPLETED");
        assertThat(summary.get("stopReason").asString()).isEqualTo("COMPLETED");
        assertThat(summary.get("stoppedAtIteration").isNull()).isTrue();
        double best = summary.get("bestValidationLossPerChar").asDouble();
        int bestIteration = summary.get("bestValidationIteration").asInt();

        Map<String, String> text = Map.of("text", heldOut());
        JsonNode scored =
                api.post("/api/runs/" + id + "/evaluate?checkpoint=best", text).expect(200);
        assertThat(scored.get("lossPerChar").asDouble()).isEqualTo(best);
        assertThat(scored.get("iteration").asInt()).isEqualTo(bestIteration + 1);
        JsonNode finalScore = api.post("/api/runs/" + id + "/evaluate", text).expect(200);
        assertThat(finalScore.get("iteration").asInt()).isEqualTo(300);
        assertThat(finalScore.get("lossPerChar").asDouble()).isGreaterThanOrEqualTo(best);

        JsonNode generated = api.post("/api/runs/" + id + "/generate?checkpoint=best", "{\"seed\": 1, \"length\": 5}")
                .expect(200);
        assertThat(generated.get("iteration").asInt()).isEqualTo(bestIteration + 1);

        ApiClient.Response bestWeights = api.get("/api/runs/" + id + "/weights?checkpoint=best");
        ApiClient.Response finalWeights = api.get("/api/runs/" + id + "/weights?checkpoint=final");
        assertThat(bestWeights.status()).isEqualTo(200);
        assertThat(finalWeights.text())
                .isEqualTo(api.get("/api/runs/" + id + "/weights").text());
        assertThat(bestWeights.json().has("Wxh")).isTrue();
        assertThat(api.get("/api/runs/" + id + "/charts/hidden-states.png?checkpoint=best")
                        .status())
                .isEqualTo(200);

        // a continuation from the best weights says so
        long continued = api.submit("{\"numIterations\": 5, \"initFrom\": {\"runId\": " + id
                + ", \"checkpoint\": \"best\"}, \"resumeOptimizer\": true}");
        JsonNode next = api.awaitStatus(continued, TIMEOUT, "SUCCEEDED");
        assertThat(next.get("initFrom").get("checkpoint").asString()).isEqualTo("best");
    }

    @Test
    void aStackedRunKeepsItsBestCheckpointToo() {
        long id = api.submit("""
                {"cell": "lstm", "hiddenSize": 8, "numIterations": 90, "sampleEvery": 1000,
                 "validationFraction": 0.2, "evalEvery": 30, "earlyStopping": {"patience": 5}}""");
        JsonNode run = api.awaitStatus(id, TIMEOUT, "SUCCEEDED");
        double best = run.get("summary").get("bestValidationLossPerChar").asDouble();
        JsonNode scored = api.post("/api/runs/" + id + "/evaluate?checkpoint=best", Map.of("text", heldOut()))
                .expect(200);
        assertThat(scored.get("lossPerChar").asDouble()).isEqualTo(best);
        assertThat(scored.get("iteration").asInt())
                .isEqualTo(run.get("summary").get("bestValidationIteration").asInt() + 1);
        assertThat(api.get("/api/runs/" + id + "/weights?checkpoint=best").status())
                .isEqualTo(200);
        JsonNode sampled = api.post(
                        "/api/runs/" + id + "/generate?checkpoint=best",
                        "{\"length\": 20, \"seed\": 1, \"topK\": 3, \"numSamples\": 2}")
                .expect(200);
        assertThat(sampled.get("samples").size()).isEqualTo(2);
    }

    @Test
    void aRunWhoseValidationLossStopsImprovingEndsEarlyAndSaysWhere() {
        // minDelta 10 nats per character: only the first point counts as an improvement
        long id = api.submit("""
                {"hiddenSize": 8, "numIterations": 5000, "sampleEvery": 1000, "validationFraction": 0.2,
                 "evalEvery": 10, "earlyStopping": {"patience": 2, "minDelta": 10}}""");
        JsonNode run = api.awaitStatus(id, TIMEOUT, "SUCCEEDED");
        assertThat(run.get("stopReason").asString()).isEqualTo("EARLY_STOPPED");
        assertThat(run.get("earlyStopping").get("patience").asInt()).isEqualTo(2);
        assertThat(run.get("progress").get("iteration").asInt()).isEqualTo(30);
        JsonNode summary = api.get("/api/runs/" + id + "/summary").expect(200);
        assertThat(summary.get("stopReason").asString()).isEqualTo("EARLY_STOPPED");
        assertThat(summary.get("stoppedAtIteration").asInt()).isEqualTo(29);
        assertThat(summary.get("numSteps").asInt()).isEqualTo(30);
        JsonNode losses = api.get("/api/runs/" + id + "/losses").expect(200);
        assertThat(losses.get("validationIterations").size()).isEqualTo(3);
        assertThat(api.get("/api/runs/" + id + "/generated").expect(200).size()).isEqualTo(5);
    }

    @Test
    void aDivergingRunFailsKeepingItsLastSoundWeights() {
        long id = api.submit("{\"hiddenSize\": 32, \"numIterations\": 20000, \"learningRate\": 50}");
        JsonNode run = api.awaitFinished(id, TIMEOUT);
        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("stopReason").asString()).isEqualTo("DIVERGED");
        assertThat(run.get("error").asString()).startsWith("diverged at iteration ");
        int k = run.get("summary").get("stoppedAtIteration").asInt();
        assertThat(run.get("error").asString()).startsWith("diverged at iteration " + k + ": ");
        assertThat(run.get("progress").get("iteration").asInt()).isEqualTo(k);
        JsonNode losses = api.get("/api/runs/" + id + "/losses").expect(200);
        assertThat(losses.get("loss").size()).isEqualTo(k);
        for (JsonNode loss : losses.get("loss")) {
            assertThat(loss.asDouble()).isFinite();
        }
        // the weights are a sound state from before the divergence, not the diverged one
        ApiClient.Response weights = api.get("/api/runs/" + id + "/weights");
        assertThat(weights.status()).isEqualTo(200);
        assertThat(weights.text()).doesNotContain("NaN").doesNotContain("Infinity");
        assertThat(api.post("/api/runs/" + id + "/generate", "{\"seed\": 1}")
                        .expect(200)
                        .get("iteration")
                        .asInt())
                .isLessThanOrEqualTo(k);
        // nothing retries it
        assertThat(api.status(id)).isEqualTo("FAILED");
    }

    @Test
    void theDivergenceFactorIsConfigurable() {
        // with a factor far above anything a loss reaches the same run trains on
        long id = api.submit("{\"hiddenSize\": 8, \"numIterations\": 30, \"divergenceFactor\": 1000000}");
        JsonNode run = api.awaitFinished(id, TIMEOUT);
        assertThat(run.get("divergenceFactor").asDouble()).isEqualTo(1_000_000);
        assertThat(run.get("stopReason").asString()).isIn("COMPLETED", "DIVERGED");
        long defaults = api.submit("{\"hiddenSize\": 8, \"numIterations\": 3}");
        assertThat(api.awaitFinished(defaults, TIMEOUT).get("divergenceFactor").asDouble())
                .isEqualTo(3.0);
    }

    @Test
    void aRunStoppedForAReasonEndsCancelledWithThatReason() {
        long running = api.submit("{\"hiddenSize\": 8, \"numIterations\": 10000000, \"sampleEvery\": 1000000}");
        api.awaitProgress(running, 1, TIMEOUT);
        long queued = api.submit("{\"hiddenSize\": 8, \"numIterations\": 5}"); // one worker: it waits
        runs.stop(queued, StopReason.PRUNED, null);
        runs.stop(running, StopReason.PRUNED, 100);
        assertThat(api.status(running)).isIn("RUNNING", "CANCELLED");
        JsonNode stopped = api.awaitStatus(running, TIMEOUT, "CANCELLED");
        assertThat(stopped.get("stopReason").asString()).isEqualTo("PRUNED");
        assertThat(stopped.get("summary").get("stoppedAtIteration").asInt()).isEqualTo(100);
        JsonNode waiting = api.awaitStatus(queued, TIMEOUT, "CANCELLED");
        assertThat(waiting.get("stopReason").asString()).isEqualTo("PRUNED");
        // a plain cancel says CANCELLED
        long cancelled = api.submit("{\"hiddenSize\": 8, \"numIterations\": 10000000, \"sampleEvery\": 1000000}");
        api.awaitProgress(cancelled, 1, TIMEOUT);
        api.post("/api/runs/" + cancelled + "/cancel").expect(200);
        assertThat(api.awaitStatus(cancelled, TIMEOUT, "CANCELLED")
                        .get("stopReason")
                        .asString())
                .isEqualTo("CANCELLED");
    }

    @Test
    void badChoicesAreNamed() {
        api.post("/api/runs", "{\"divergenceFactor\": 1.0}").expectProblem(400, "divergenceFactor");
        api.post("/api/runs", "{\"earlyStopping\": {\"patience\": 2}}")
                .expectProblem(400, "earlyStopping needs validationFraction > 0");
        api.post("/api/runs", "{\"validationFraction\": 0.1, \"earlyStopping\": {}}")
                .expectProblem(400, "earlyStopping.patience is required");
        api.post("/api/runs", "{\"validationFraction\": 0.1, \"earlyStopping\": {\"patience\": 0}}")
                .expectProblem(400, "earlyStopping.patience");
        api.post("/api/runs", "{\"validationFraction\": 0.1, \"earlyStopping\": {\"patience\": 1, \"minDelta\": -1}}")
                .expectProblem(400, "earlyStopping.minDelta");

        long id = api.submit("{\"hiddenSize\": 8, \"numIterations\": 3}");
        api.awaitStatus(id, TIMEOUT, "SUCCEEDED");
        api.get("/api/runs/" + id + "/weights?checkpoint=latest")
                .expectProblem(400, "checkpoint must be final or best");
        api.get("/api/runs/" + id + "/weights?checkpoint=best").expectProblem(409, "validationFraction > 0");
        api.post("/api/runs/" + id + "/generate?checkpoint=nope", "{}").expectProblem(400, "checkpoint");
        api.post("/api/runs", "{\"initFrom\": {\"runId\": " + id + ", \"checkpoint\": \"best\"}}")
                .expectProblem(409, "no best checkpoint");
        api.post("/api/runs", "{\"initFrom\": {\"runId\": " + id + ", \"checkpoint\": \"middle\"}}")
                .expectProblem(400, "initFrom.checkpoint must be final or best");
    }
}
