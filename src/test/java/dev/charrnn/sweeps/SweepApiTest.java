package dev.charrnn.sweeps;

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

/** Sweeps through the API: a random sweep pruned by ASHA to its end, a cancelled sweep, and refused requests. */
@ServiceTest
class SweepApiTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    /**
     * Trials are either good and short (learning rate 0.1, 3,000 iterations) or poor and endless (0.0002 learns
     * next to nothing, 10,000,000 iterations), whatever the machine's speed: the poor ones are still training when
     * the rule looks at them, and the sweep can only end if the rule stops them. The seeds below draw exactly those
     * pairs (java.util.Random, learning rate then numIterations, per trial), trial 0 a good one.
     */
    private static String pairs(String name, long seed, String earlyTermination) {
        return """
                {"name": "%s", "method": "random", "seed": %d, "maxRuns": 6, "maxConcurrent": 2,
                 "base": {"hiddenSize": 24, "sampleEvery": 1000, "sampleLength": 10,
                          "validationFraction": 0.2, "evalEvery": 100},
                 "parameters": {"learningRate": {"values": [0.1, 0.0002]},
                                "numIterations": {"values": [3000, 10000000]}},
                 "earlyTermination": %s}""".formatted(name, seed, earlyTermination);
    }

    @Test
    void aRandomSweepWithAshaFinishesWithPrunedRunsAndALeaderboard() {
        // seed 4115: trials 0, 2, 3 good, 1, 4, 5 poor. Rungs at 300, 900, 2700 (and on for the endless ones): a
        // poor run at 300 is below the cutoff of what the good ones recorded there.
        JsonNode created = api.post(
                        "/api/sweeps",
                        pairs("asha", 4115, "{\"rule\": \"asha\", \"minIterations\": 300, \"reductionFactor\": 3}"))
                .expect(201);
        long id = created.get("id").asLong();
        assertThat(created.get("status").asString()).isEqualTo("RUNNING");
        assertThat(created.get("trials").asInt()).isEqualTo(6);

        JsonNode sweep = awaitEnd(id);

        assertThat(sweep.get("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode counts = sweep.get("counts");
        assertThat(counts.path("SUCCEEDED").asInt()).as(counts.toString()).isEqualTo(3);
        assertThat(counts.path("PRUNED").asInt()).as(counts.toString()).isEqualTo(3);

        JsonNode board = sweep.get("leaderboard");
        assertThat(board).hasSize(6);
        assertThat(api.get("/api/runs?sweepId=" + id)
                        .expect(200)
                        .get("totalElements")
                        .asInt())
                .as("the sweep's runs are found by its id")
                .isEqualTo(6);
        List<Double> bests = new ArrayList<>();
        for (JsonNode trial : board) {
            bests.add(trial.get("bestValidationLossPerChar").asDouble());
            JsonNode run = api.run(trial.get("runId").asLong());
            assertThat(run.get("sweepId").asLong()).isEqualTo(id);
            assertThat(run.get("name").asString())
                    .isEqualTo("asha #" + trial.get("trial").asInt());
            double learningRate = trial.get("parameters").get("learningRate").asDouble();
            assertThat(run.get("learningRate").asDouble()).isEqualTo(learningRate);
            if (learningRate < 0.1) {
                assertThat(trial.get("stopReason").asString()).isEqualTo("PRUNED");
                assertThat(trial.get("prunedAtIteration").asInt()).isEqualTo(300);
                assertThat(run.get("status").asString()).isEqualTo("CANCELLED");
                assertThat(run.get("stopReason").asString()).isEqualTo("PRUNED");
            } else {
                assertThat(trial.get("status").asString()).isEqualTo("SUCCEEDED");
                assertThat(run.get("summary").get("bestValidationLossPerChar").asDouble())
                        .isEqualTo(trial.get("bestValidationLossPerChar").asDouble());
                assertThat(run.get("summary").get("bestValidationIteration").asInt())
                        .isEqualTo(trial.get("bestValidationIteration").asInt());
            }
        }
        assertThat(bests).isSorted();
        assertThat(board.get(0).get("status").asString()).isEqualTo("SUCCEEDED");

        JsonNode list = api.get("/api/sweeps?size=100").expect(200);
        assertThat(list.get("content").findValuesAsString("name")).contains("asha");
    }

    @Test
    void aRandomSweepWithTheMedianRuleStopsTheRunsThatLag() {
        // seed 4345: trials 0, 1, 2 good, 3, 4, 5 poor; each poor run lags the good ones' median at 300 already
        long id = api.post(
                        "/api/sweeps",
                        pairs("median", 4345, "{\"rule\": \"median\", \"minIterations\": 300, \"minRuns\": 1}"))
                .expect(201)
                .get("id")
                .asLong();

        JsonNode sweep = awaitEnd(id);

        assertThat(sweep.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(sweep.get("counts").get("SUCCEEDED").asInt())
                .as(sweep.toString())
                .isEqualTo(3);
        assertThat(sweep.get("counts").get("PRUNED").asInt())
                .as(sweep.toString())
                .isEqualTo(3);
        for (JsonNode trial : sweep.get("leaderboard")) {
            if (trial.get("trial").asInt() < 3) {
                assertThat(trial.get("status").asString()).isEqualTo("SUCCEEDED");
            } else {
                assertThat(trial.get("stopReason").asString()).isEqualTo("PRUNED");
                assertThat(trial.get("prunedAtIteration").asInt()).isEqualTo(300);
            }
        }
    }

    @Test
    void anyRunRequestFieldCanBeSweptTheModelsToo() {
        long id = api.post("/api/sweeps", """
                        {"name": "cells", "method": "grid",
                         "base": {"hiddenSize": 8, "numIterations": 60, "sampleEvery": 30},
                         "parameters": {"cell": {"values": ["lstm", "gru"]}, "seqLength": {"values": [10]}}}""").expect(201).get("id").asLong();

        JsonNode sweep = awaitEnd(id);

        assertThat(sweep.get("status").asString()).isEqualTo("SUCCEEDED");
        List<String> cells = new ArrayList<>();
        for (JsonNode trial : sweep.get("leaderboard")) {
            JsonNode run = api.run(trial.get("runId").asLong());
            assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(run.get("seqLength").asInt()).isEqualTo(10);
            cells.add(run.get("cell").asString());
        }
        assertThat(cells).containsExactlyInAnyOrder("lstm", "gru");
    }

    @Test
    void cancellingASweepCancelsItsRunsAndSubmitsNoMore() {
        JsonNode created = api.post("/api/sweeps", """
                {"name": "to cancel", "method": "grid", "maxConcurrent": 2,
                 "base": {"hiddenSize": 8, "numIterations": 10000000, "sampleEvery": 1000000},
                 "parameters": {"learningRate": {"values": [0.1, 0.05, 0.01]}}}""").expect(201);
        long id = created.get("id").asLong();
        JsonNode sweep = awaitSweep(id, s -> s.get("leaderboard").size() == 2);
        assertThat(sweep.get("counts").get("PENDING").asInt()).isEqualTo(1);

        JsonNode cancelled = api.post("/api/sweeps/" + id + "/cancel").expect(200);

        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        for (JsonNode trial : cancelled.get("leaderboard")) {
            assertThat(api.awaitFinished(trial.get("runId").asLong())
                            .get("status")
                            .asString())
                    .isEqualTo("CANCELLED");
        }
        api.post("/api/sweeps/" + id + "/cancel").expectProblem(409, "sweep " + id + " is already CANCELLED");
        JsonNode after = api.get("/api/sweeps/" + id).expect(200);
        assertThat(after.get("counts").get("PENDING").asInt()).isEqualTo(1);
        assertThat(after.get("counts").get("CANCELLED").asInt()).isEqualTo(2);
        // the runs it submitted are found by their sweep, and no other run was submitted for it
        assertThat(api.get("/api/runs?size=100").expect(200).get("content").findValues("sweepId").stream()
                        .filter(s -> s.asLong(0) == id)
                        .count())
                .isEqualTo(2);
    }

    @Test
    void badSweepsAreRefusedNamingTheField() {
        String grid = "\"method\": \"grid\"";
        String random = "\"method\": \"random\", \"maxRuns\": 3";
        String valid = "\"base\": {\"validationFraction\": 0.1}";
        refused(
                "{" + grid + ", \"parameters\": {\"hiddenSzie\": {\"values\": [16]}}}",
                "parameters: unknown field 'hiddenSzie'");
        refused(
                "{" + grid + ", \"parameters\": {\"hiddenSize\": {\"values\": [16, \"big\"]}}}",
                "parameters.hiddenSize.values[1]: expected a decimal integer");
        refused(
                "{" + grid + ", \"base\": {\"learningRate\": \"fast\"}, \"parameters\": {\"seed\": {\"values\": [1]}}}",
                "base.learningRate: expected a number");
        refused(
                "{" + grid + ", \"parameters\": {\"hiddenSize\": {\"values\": [16, 5000]}}}",
                "parameters.hiddenSize.values[1]",
                "hiddenSize must be less than or equal to 1024");
        refused(
                "{" + random + ", \"parameters\": {\"learningRate\": {\"min\": 0.5, \"max\": 0.1}}}",
                "parameters.learningRate: min must be below max");
        refused(
                "{" + random + ", \"parameters\": {\"learningRate\": {\"min\": 0, \"max\": 0.1, \"scale\": \"log\"}}}",
                "parameters.learningRate: a log scale needs min > 0");
        refused(
                "{" + random + ", \"parameters\": {\"hiddenSize\": {\"min\": 8.5, \"max\": 64}}}",
                "parameters.hiddenSize",
                "whole numbers");
        refused("{" + random + ", \"parameters\": {\"name\": {\"values\": [\"a\"]}}}", "parameters.name");
        refused(
                "{" + grid + ", \"parameters\": {\"learningRate\": {\"min\": 0.01, \"max\": 0.1}}}",
                "parameters.learningRate: a grid takes values");
        refused(
                "{\"method\": \"random\", \"parameters\": {\"learningRate\": {\"values\": [0.1]}}}",
                "maxRuns is required");
        refused(
                "{" + grid + ", \"maxConcurrent\": 0, \"parameters\": {\"learningRate\": {\"values\": [0.1]}}}",
                "maxConcurrent");
        refused("{\"method\": \"bayes\", \"parameters\": {\"learningRate\": {\"values\": [0.1]}}}", "method");
        refused("{" + grid + ", \"parameters\": {}}", "parameters");
        refused(
                "{" + grid + ", \"base\": {\"learningRate\": -1}, \"parameters\": {\"seed\": {\"values\": [1]}}}",
                "base: invalid fields: learningRate must be greater than 0");
        refused(
                "{" + grid + ", \"base\": {\"hiddenSzie\": 8}, \"parameters\": {\"seed\": {\"values\": [1]}}}",
                "base: unknown field 'hiddenSzie'");
        refused(
                "{" + grid + ", \"base\": [1], \"parameters\": {\"seed\": {\"values\": [1]}}}",
                "base must be a run request");
        refused(
                "{" + grid + ", \"base\": {\"name\": \"x\"}, \"parameters\": {\"seed\": {\"values\": [1]}}}",
                "base.name");
        refused(
                "{" + grid + ", \"parameters\": {\"seed\": {\"values\": [1]}}, "
                        + "\"earlyTermination\": {\"rule\": \"median\"}}",
                "earlyTermination",
                "validationFraction > 0");
        refused(
                "{" + grid + ", " + valid + ", \"parameters\": {\"seed\": {\"values\": [1]}}, "
                        + "\"earlyTermination\": {\"rule\": \"asha\"}}",
                "earlyTermination.minIterations");
        refused(
                "{" + grid + ", " + valid + ", \"parameters\": {\"seed\": {\"values\": [1]}}, "
                        + "\"earlyTermination\": {\"rule\": \"asha\", \"minIterations\": 10, \"reductionFactor\": 1}}",
                "earlyTermination.reductionFactor");
        refused(
                "{" + grid + ", " + valid + ", \"parameters\": {\"seed\": {\"values\": [1]}}, "
                        + "\"earlyTermination\": {\"rule\": \"median\", \"reductionFactor\": 3}}",
                "earlyTermination.reductionFactor applies to rule asha only");
        refused(
                "{" + grid + ", \"parameters\": {\"corpusId\": {\"values\": [987654]}}}",
                "corpusId 987654 does not exist");
        refused(
                "{" + grid + ", \"parameters\": {\"cell\": {\"values\": [\"lstm\", \"transformer\"]}}}",
                "parameters.cell.values[1]: invalid fields: cell must be one of");
        api.get("/api/sweeps/987654").expectProblem(404, "sweep 987654 does not exist");
        api.post("/api/sweeps/987654/cancel").expectProblem(404, "sweep 987654 does not exist");
        api.get("/api/sweeps?size=0").expectProblem(400, "size");
    }

    @Test
    void theOpenApiDescriptionHasTheSweeps() {
        JsonNode docs = api.get("/v3/api-docs").expect(200);
        assertThat(docs.get("paths").propertyNames())
                .contains("/api/sweeps", "/api/sweeps/{id}", "/api/sweeps/{id}/cancel");
        assertThat(docs.get("components").get("schemas").propertyNames())
                .contains("SweepRequest", "Sweep", "SweepTrial", "SweepEarlyTermination", "SweepParameter")
                .doesNotContain("JsonNode");
        assertThat(docs.at("/components/schemas/SweepRequest/properties/base/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/RunRequest");
        assertThat(docs.get("components")
                        .get("schemas")
                        .get("Run")
                        .get("properties")
                        .has("sweepId"))
                .isTrue();
    }

    private void refused(String body, String... detail) {
        api.post("/api/sweeps", body).expectProblem(400, detail);
    }

    private JsonNode awaitEnd(long id) {
        return awaitSweep(id, s -> !s.get("status").asString().equals("RUNNING"));
    }

    private JsonNode awaitSweep(long id, java.util.function.Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            JsonNode sweep = api.get("/api/sweeps/" + id).expect(200);
            if (done.test(sweep)) {
                return sweep;
            }
            assertThat(System.nanoTime() - deadline)
                    .as("sweep %d: %s", id, sweep)
                    .isNegative();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
