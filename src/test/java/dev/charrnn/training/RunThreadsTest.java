package dev.charrnn.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.nn.DefaultCorpus;
import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.support.ApiClient;
import dev.charrnn.support.ServiceTest;
import dev.charrnn.support.Twin;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A run's {@code threads}: a stacked run on two threads records the bits of the same run on one, its helper threads
 * work while it trains and stop with it, and the request is refused past the instance's bound (2 in
 * {@link ServiceTest}) or for the reference configuration, whose loop trains on one thread.
 */
@ServiceTest
class RunThreadsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int N = 40;

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    /** A 1 x 32 LSTM on 4 streams: its weight-gradient products are large enough to be split over the threads. */
    static Map<String, Object> lstm(int iterations, int threads) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("cell", "lstm");
        r.put("hiddenSize", 32);
        r.put("batchSize", 4);
        r.put("seqLength", 16);
        r.put("optimizer", "adam");
        r.put("learningRate", 0.01);
        r.put("dropout", 0.1);
        r.put("numIterations", iterations);
        r.put("sampleEvery", 20);
        r.put("sampleLength", 30);
        r.put("threads", threads);
        return r;
    }

    @Test
    void twoThreadsRecordTheBitsOfOne() {
        long one = api.submit(lstm(N, 1));
        long two = api.submit(lstm(N, 2));
        JsonNode oneRun = api.awaitFinished(one, TIMEOUT);
        JsonNode twoRun = api.awaitFinished(two, TIMEOUT);
        assertThat(oneRun.get("status").asString()).as(oneRun.toString()).isEqualTo("SUCCEEDED");
        assertThat(twoRun.get("status").asString()).as(twoRun.toString()).isEqualTo("SUCCEEDED");
        assertThat(oneRun.get("threads").asInt()).isEqualTo(1);
        assertThat(twoRun.get("threads").asInt()).isEqualTo(2);

        JsonNode oneLosses = api.get("/api/runs/" + one + "/losses").expect(200);
        JsonNode twoLosses = api.get("/api/runs/" + two + "/losses").expect(200);
        assertThat(Twin.doubles(twoLosses.get("loss"))).containsExactly(Twin.doubles(oneLosses.get("loss")));
        assertThat(Twin.doubles(twoLosses.get("smoothLoss")))
                .containsExactly(Twin.doubles(oneLosses.get("smoothLoss")));
        assertThat(api.get("/api/runs/" + two + "/weights").expect(200))
                .isEqualTo(api.get("/api/runs/" + one + "/weights").expect(200));

        // and both are what the core trains in-process on one thread
        Vocabulary vocabulary = Vocabulary.of(DefaultCorpus.TEXT);
        TrainingConfig config = new TrainingConfig(32, 16, N, 0.01, 20, 30, 42, List.of(1.0));
        ModelConfig model = ModelConfig.reference()
                .withCell(ModelConfig.Cell.LSTM)
                .withBatchSize(4)
                .withOptimizer(ModelConfig.Optimizer.ADAM)
                .withDropout(0.1);
        Twin.trainStacked(vocabulary.encode(DefaultCorpus.TEXT), vocabulary, config, model)
                .assertBitIdentical(api, two);
    }

    @Test
    void theListShowsThreads() {
        long id = api.submit(lstm(5, 2));
        api.awaitFinished(id, TIMEOUT);
        JsonNode mine = null;
        for (JsonNode r : api.get("/api/runs?cell=lstm&size=100").expect(200).get("content")) {
            mine = r.get("id").asLong() == id ? r : mine;
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("threads").asInt()).isEqualTo(2);
        long reference = api.submit(Map.of("numIterations", 5));
        assertThat(api.awaitFinished(reference, TIMEOUT).get("threads").asInt())
                .as("omitted: one")
                .isEqualTo(1);
    }

    @Test
    void aRunsHelperThreadWorksWhileItTrainsAndStopsWithIt() {
        Set<Thread> before = helperThreads();
        long id = api.submit(lstm(1_000_000, 2));
        api.awaitProgress(id, 1, TIMEOUT);
        assertThat(helperThreads())
                .as("the run's second thread is alive while it trains")
                .isNotEmpty()
                .hasSizeGreaterThan(before.size());
        api.post("/api/runs/" + id + "/cancel").expect(200);
        assertThat(api.awaitFinished(id, TIMEOUT).get("status").asString()).isEqualTo("CANCELLED");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Set<Thread> left = helperThreads();
        while (!before.containsAll(left) && System.nanoTime() < deadline) {
            sleep();
            left = helperThreads();
        }
        left.removeAll(before);
        assertThat(left).as("helper threads of the finished run").isEmpty();
    }

    @Test
    void threadsOutOfBoundsOrForTheReferenceAreRefusedNamingTheField() {
        api.post("/api/runs", lstm(5, 0)).expectProblem(400, "threads must be greater than or equal to 1");
        api.post("/api/runs", lstm(5, 3)).expectProblem(400, "threads 3", "charrnn.max-threads", "of 2");
        api.post("/api/runs", lstm(5, 65)).expectProblem(400, "threads must be less than or equal to 64");
        api.post("/api/runs", Map.of("numIterations", 5, "threads", 2))
                .expectProblem(400, "threads applies to the stacked models", "got 2");
        api.postMultipart("/api/runs", Map.of("cell", "gru", "threads", "0"), null)
                .expectProblem(400, "threads must be greater than or equal to 1");
        api.post("/api/sweeps", """
                        {"name": "t", "method": "grid", "base": {"threads": 2},
                         "parameters": {"seed": {"values": [1, 2]}}}""").expectProblem(400, "base: invalid fields: threads applies to the stacked models");
    }

    /** The threads StackedTrainer's Workers start beside the run's own (named charrnn-worker-k). */
    private static Set<Thread> helperThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("charrnn-worker-"))
                .collect(Collectors.toSet());
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
