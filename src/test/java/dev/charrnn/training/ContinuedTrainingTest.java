package dev.charrnn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.charrnn.nn.CharRnn;
import dev.charrnn.nn.DefaultCorpus;
import dev.charrnn.nn.Evaluation;
import dev.charrnn.nn.SeedWeights;
import dev.charrnn.nn.TrainingState;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.results.RunResultsService;
import dev.charrnn.runs.TrainingRunRepository;
import dev.charrnn.support.ApiClient;
import dev.charrnn.support.ServiceTest;
import dev.charrnn.support.Twin;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Runs that start from a finished run's weights or an imported model, through the whole stack. */
// small limits: a low parameter limit, and checkpoints only when a run ends, so a long run stays without weights
@ServiceTest
@TestPropertySource(
        properties = {"charrnn.max-parameters=50000", "charrnn.checkpoint-interval=1h", "charrnn.workers=2"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContinuedTrainingTest {
    private static final int T = 25;
    private static final double CHANCE = Math.log(24) * T;

    @LocalServerPort
    int port;

    @Autowired
    InitialWeights initialWeights;

    @Autowired
    TrainingRunRepository runs;

    @Autowired
    RunResultsService results;

    ApiClient api;
    long source;
    CharRnn sourceWeights;

    @BeforeAll
    void trainASource() {
        api = new ApiClient(port);
        source = api.submit(Map.of("numIterations", 300, "hiddenSize", 32, "seed", 5));
        assertThat(api.awaitFinished(source).get("status").asString()).isEqualTo("SUCCEEDED");
        sourceWeights = SeedWeights.read(new ByteArrayInputStream(
                api.get("/api/runs/" + source + "/weights").bytes()));
    }

    private long continueFrom(Map<String, Object> initFrom, boolean resumeOptimizer) {
        long id = api.submit(
                Map.of("initFrom", initFrom, "resumeOptimizer", resumeOptimizer, "numIterations", 50, "seed", 9));
        assertThat(api.awaitFinished(id).get("status").asString()).isEqualTo("SUCCEEDED");
        return id;
    }

    private double[] rawLosses(long run) {
        return Twin.doubles(api.get("/api/runs/" + run + "/losses").expect(200).get("loss"));
    }

    @Test
    void aContinuedRunStartsFromTheSourcesWeights() {
        long continued = continueFrom(Map.of("runId", source), false);
        JsonNode view = api.get("/api/runs/" + continued).expect(200);
        assertThat(view.get("hiddenSize").intValue()).isEqualTo(32);
        assertThat(view.get("initFrom").get("runId").longValue()).isEqualTo(source);
        assertThat(view.get("initFrom").get("modelId").isNull()).isTrue();
        assertThat(view.get("initFrom").get("resumeOptimizer").booleanValue()).isFalse();
        assertThat(api.get("/api/runs/" + source).expect(200).get("initFrom").isNull())
                .isTrue();

        // Iteration 0 is scored before any update: exactly the source's final weights on the first T+1 characters.
        double[] raw = rawLosses(continued);
        int[] first = Arrays.copyOf(Vocabulary.of(DefaultCorpus.TEXT).encode(DefaultCorpus.TEXT), T + 1);
        assertThat(raw[0]).isCloseTo(Evaluation.of(sourceWeights, first).loss(), within(1e-9 * raw[0]));
        // ... so it starts where the source ended, well below chance, unlike a fresh run
        double[] sourceRaw = rawLosses(source);
        double sourceEnd = Arrays.stream(sourceRaw, sourceRaw.length - 20, sourceRaw.length)
                .average()
                .orElseThrow();
        assertThat(sourceEnd).isLessThan(0.6 * CHANCE);
        assertThat(raw[0]).isLessThan(0.6 * CHANCE).isCloseTo(sourceEnd, within(0.5 * sourceEnd));
        assertThat(sourceRaw[0]).isCloseTo(CHANCE, within(1.0));
        // The smooth loss restarts from chance level like any run's
        double smooth0 = api.get("/api/runs/" + continued + "/losses")
                .expect(200)
                .get("smoothLoss")
                .get(0)
                .doubleValue();
        assertThat(smooth0).isEqualTo(CHANCE * 0.999 + raw[0] * 0.001);
    }

    @Test
    void resumeOptimizerContinuesTheSourcesAdagradMemories() {
        long fresh = continueFrom(Map.of("runId", source), false);
        long resumed = continueFrom(Map.of("runId", source), true);
        assertThat(api.get("/api/runs/" + resumed)
                        .expect(200)
                        .get("initFrom")
                        .get("resumeOptimizer")
                        .booleanValue())
                .isTrue();

        TrainingState sourceState = results.latestState(source);
        InitialWeights.Start start = initialWeights.of(runs.findById(resumed).orElseThrow());
        assertThat(start.memories().Whh).isEqualTo(sourceState.memories().Whh);
        assertThat(start.memories().by).isEqualTo(sourceState.memories().by);
        assertThat(initialWeights.of(runs.findById(fresh).orElseThrow()).memories())
                .isNull();

        double[] withZeros = rawLosses(fresh);
        double[] withMemories = rawLosses(resumed);
        assertThat(withMemories[0]).isEqualTo(withZeros[0]);
        // Fresh memories make the first Adagrad steps as large as the learning rate; resumed ones do not
        assertThat(withMemories[1]).isNotEqualTo(withZeros[1]);
        assertThat(sum(withMemories, 10)).isLessThan(sum(withZeros, 10));
    }

    private static double sum(double[] values, int n) {
        return Arrays.stream(values, 0, n).sum();
    }

    @Test
    void anImportedModelSeedsARunLikeItsRun() {
        ObjectNode request = ApiClient.JSON.createObjectNode();
        request.set(
                "weights",
                ApiClient.JSON.readTree(
                        api.get("/api/runs/" + source + "/weights").text()));
        request.set("vocabulary", api.get("/api/runs/" + source + "/vocabulary").expect(200));
        long model = api.post("/api/models", request).expect(201).get("id").longValue();

        long fromModel = continueFrom(Map.of("modelId", model), false);
        long fromRun = continueFrom(Map.of("runId", source), false);
        assertThat(api.get("/api/runs/" + fromModel)
                        .expect(200)
                        .get("initFrom")
                        .get("modelId")
                        .longValue())
                .isEqualTo(model);
        assertThat(rawLosses(fromModel)).isEqualTo(rawLosses(fromRun));
    }

    @Test
    void sourcesThatCannotSeedTheRunAreRefused() {
        api.post("/api/runs", Map.of("initFrom", Map.of("runId", source, "modelId", 1)))
                .expectProblem(400, "exactly one of runId and modelId");
        api.post("/api/runs", Map.of("initFrom", Map.of())).expectProblem(400, "exactly one of runId and modelId");
        api.post("/api/runs", Map.of("resumeOptimizer", true)).expectProblem(400, "resumeOptimizer needs");
        api.post("/api/runs", Map.of("initFrom", Map.of("runId", 99999)))
                .expectProblem(400, "initFrom.runId 99999 does not exist");
        api.post("/api/runs", Map.of("initFrom", Map.of("modelId", 99999)))
                .expectProblem(400, "initFrom.modelId 99999 does not exist");
        api.post("/api/runs", Map.of("initFrom", Map.of("runId", source), "hiddenSize", 64))
                .expectProblem(400, "hiddenSize 64 conflicts with run " + source + "'s 32");
        api.post("/api/runs", Map.of("initFrom", Map.of("runId", source), "corpus", "hello world!\nhello ZED\n"))
                .expectProblem(
                        400,
                        "the corpus has [\"!\", \"D\", \"E\", \"Z\"] that run " + source + " lacks",
                        "run " + source + " has [\"a\", \"c\"");
    }

    @Test
    void aModelWhoseCharactersAreInAnotherOrderCannotTrainOnTheCorpus() {
        ObjectNode request = ApiClient.JSON.createObjectNode();
        request.set(
                "weights",
                ApiClient.JSON.readTree(
                        api.get("/api/runs/" + source + "/weights").text()));
        List<String> reversed =
                new ArrayList<>(Vocabulary.of(DefaultCorpus.TEXT).characters());
        Collections.reverse(reversed);
        request.set("vocabulary", ApiClient.JSON.valueToTree(reversed));
        long model = api.post("/api/models", request).expect(201).get("id").longValue();
        api.post("/api/runs", Map.of("initFrom", Map.of("modelId", model)))
                .expectProblem(400, "same characters in another order");
        api.post("/api/runs", Map.of("initFrom", Map.of("modelId", model), "resumeOptimizer", true))
                .expectProblem(400, "imported model has no optimizer state");
    }

    @Test
    void aRunningSourceOrOneThatEndedWithoutWeightsIsAConflict() {
        // Two long runs keep both workers busy, so a third one stays queued until it is cancelled.
        Map<String, Object> longRun = Map.of("numIterations", 10_000_000, "hiddenSize", 32, "sampleEvery", 1_000_000);
        List<Long> running = List.of(api.submit(longRun), api.submit(longRun));
        try {
            for (long id : running) {
                api.awaitStatus(id, Duration.ofMinutes(2), "RUNNING");
            }
            api.post("/api/runs", Map.of("initFrom", Map.of("runId", running.get(0))))
                    .expectProblem(409, "run " + running.get(0) + " is RUNNING", "finished run");
            long queued = api.submit(longRun);
            api.post("/api/runs/" + queued + "/cancel", Map.of()).expect(200);
            assertThat(api.get("/api/runs/" + queued).expect(200).get("status").asString())
                    .isEqualTo("CANCELLED");
            api.post("/api/runs", Map.of("initFrom", Map.of("runId", queued)))
                    .expectProblem(409, "run " + queued + " is CANCELLED without weights");
            api.get("/api/runs/" + queued + "/weights")
                    .expectProblem(
                            409,
                            "run " + queued + " is CANCELLED without weights: it ended before its first checkpoint");
        } finally {
            for (long id : running) {
                api.post("/api/runs/" + id + "/cancel", Map.of());
                api.awaitFinished(id);
            }
        }
    }

    @Test
    void aSourceCannotBeDeletedWhileAQueuedContinuationNeedsItsWeights() {
        long ownSource = api.submit(Map.of("numIterations", 20, "hiddenSize", 32, "seed", 6));
        assertThat(api.awaitFinished(ownSource).get("status").asString()).isEqualTo("SUCCEEDED");
        Map<String, Object> longRun = Map.of("numIterations", 10_000_000, "hiddenSize", 32, "sampleEvery", 1_000_000);
        List<Long> running = List.of(api.submit(longRun), api.submit(longRun));
        try {
            for (long id : running) {
                api.awaitStatus(id, Duration.ofMinutes(2), "RUNNING");
            }
            long continuation = api.submit(Map.of("initFrom", Map.of("runId", ownSource), "numIterations", 10));
            api.delete("/api/runs/" + ownSource)
                    .expectProblem(409, "run " + ownSource, "initial weights of unfinished run " + continuation);
            api.post("/api/runs/" + continuation + "/cancel", Map.of()).expect(200);
            assertThat(api.delete("/api/runs/" + ownSource).status()).isEqualTo(204);
        } finally {
            for (long id : running) {
                api.post("/api/runs/" + id + "/cancel", Map.of());
                api.awaitFinished(id);
            }
        }
    }
}
