package dev.charrnn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.charrnn.support.ApiClient;
import dev.charrnn.support.ServiceProcess;
import dev.charrnn.support.Twin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 while a run trains, then restart on the same database: the run resumes from its last checkpoint and
 * ends bit-identical to an uninterrupted run (losses 0..N-1 once each, samples, weights); queued runs stay
 * queued and start in submission order. Then SIGTERM: the service checkpoints and exits within 10 s, and the
 * next start finishes the run, again bit-identical.
 */
class CrashRecoveryIT {
    private static final int N = 40_000;
    private static final String CORPUS = IntStream.range(0, 400)
            .mapToObj(i ->
                    "line " + i + ": the quick brown fox " + (i % 7 == 0 ? "jumps over the lazy dog" : "naps") + "\n")
            .reduce("", String::concat);

    @TempDir
    Path dir;

    @Test
    void killedAndStoppedRunsResumeBitIdentical() throws Exception {
        assumeTrue(ServiceProcess.jarBuilt(), "target/charrnn.jar is built by the package phase");
        Map<String, String> settings = Map.of(
                "spring.datasource.url", "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";LOCK_TIMEOUT=10000",
                "charrnn.workers", "1",
                "charrnn.checkpoint-interval", "500ms",
                "charrnn.loss-flush-interval", "200ms");
        String request = "{\"hiddenSize\":64,\"numIterations\":" + N + ",\"sampleEvery\":500,\"corpus\":"
                + ApiClient.JSON.writeValueAsString(CORPUS) + "}";
        long first;
        List<Long> queued = new ArrayList<>();
        try (ServiceProcess a = ServiceProcess.start(dir, "a", settings)) {
            first = a.api().submit(request);
            for (int k = 0; k < 2; k++) {
                queued.add(a.api().submit(request.replace("\"hiddenSize\":64", "\"hiddenSize\":16")));
            }
            awaitCheckpointPast(a, first, 1);
            assertThat(a.api().status(first)).isEqualTo("RUNNING");
            a.kill();
        }
        try (ServiceProcess b = ServiceProcess.start(dir, "a", settings)) {
            int before = b.api().run(first).get("progress").get("iteration").asInt();
            awaitCheckpointPast(b, first, before + 1);
            assertThat(b.terminate(Duration.ofSeconds(10)))
                    .as("exits within 10 s of SIGTERM")
                    .isTrue();
        }
        // The last start is the Docker image's (AOT-prepared context): it resumes what the plain jar recorded.
        try (ServiceProcess c = ServiceProcess.start(dir, "a", ServiceProcess.IMAGE_MODE, settings)) {
            JsonNode run = c.awaitFinished(first);
            assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
            Twin.train(CORPUS, 64, 25, N, 500, 100, 42).assertBitIdentical(c.api(), first);
            List<String> started = new ArrayList<>();
            for (long id : queued) {
                JsonNode q = c.awaitFinished(id);
                assertThat(q.get("status").asString()).isEqualTo("SUCCEEDED");
                started.add(q.get("startedAt").asString());
            }
            assertThat(started).as("queued runs start in submission order").isSorted();
            Twin.train(CORPUS, 16, 25, N, 500, 100, 42).assertBitIdentical(c.api(), queued.get(0));
        }
    }

    static void awaitCheckpointPast(ServiceProcess s, long id, int iteration) throws Exception {
        awaitCheckpointPast(s, id, iteration, N);
    }

    /** Until run {@code id} of {@code n} iterations has weights and is past {@code iteration}, before 4/5 of it. */
    static void awaitCheckpointPast(ServiceProcess s, long id, int iteration, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            int weights = s.api().get("/api/runs/" + id + "/weights").status();
            JsonNode run = s.api().run(id);
            if (weights == 200
                    && run.get("progress").get("iteration").asInt() >= iteration
                    && run.get("progress").get("iteration").asInt() < n * 4 / 5) {
                Thread.sleep(300); // let a few more iterations be recorded after the checkpoint
                return;
            }
            assertThat(run.get("status").asString()).isIn("QUEUED", "RUNNING");
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoint past iteration " + iteration + ":\n" + s.tail());
    }
}
