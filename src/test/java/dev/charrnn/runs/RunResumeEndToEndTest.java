package dev.charrnn.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.CharRnnApplication;
import dev.charrnn.nn.DefaultCorpus;
import dev.charrnn.support.ApiClient;
import dev.charrnn.support.Twin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A run the service stops in the middle of (shutdown: checkpoint and back to the queue) resumes when the service
 * starts again, and ends with exactly the losses and samples of a run that was never interrupted.
 */
class RunResumeEndToEndTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int ITERATIONS = 30_000;

    @TempDir
    Path dir;

    @Test
    void aRunStoppedWithTheServiceResumesExactly() {
        long id;
        int stoppedAfter;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient api = client(first);
            id = api.submit("{\"hiddenSize\":32,\"numIterations\":" + ITERATIONS + ",\"sampleEvery\":1000}");
            stoppedAfter = api.awaitProgress(id, 1000, TIMEOUT)
                    .get("progress")
                    .get("iteration")
                    .asInt();
        }
        assertThat(stoppedAfter).as("the run must be stopped in the middle").isLessThan(ITERATIONS);

        try (ConfigurableApplicationContext second = start()) {
            ApiClient api = client(second);
            JsonNode run = api.awaitFinished(id, TIMEOUT);
            assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");

            Twin expected = Twin.train(DefaultCorpus.TEXT, 32, 25, ITERATIONS, 1000, 100, 42);
            JsonNode losses = api.get("/api/runs/" + id + "/losses").json();
            assertThat(Twin.ints(losses.get("iterations")))
                    .containsExactly(IntStream.range(0, ITERATIONS).toArray());
            assertThat(Twin.doubles(losses.get("smoothLoss"))).containsExactly(expected.smoothLoss());
            List<String> samples = new ArrayList<>();
            api.get("/api/runs/" + id + "/samples")
                    .json()
                    .forEach(s -> samples.add(s.get("sample").asString()));
            assertThat(samples).isEqualTo(expected.samples());
            assertThat(run.get("summary").get("finalLoss").asDouble()).isEqualTo(expected.smoothLoss()[ITERATIONS - 1]);
        }
    }

    /** The service on a random port over an H2 file database that outlives it. */
    private ConfigurableApplicationContext start() {
        return SpringApplication.run(
                CharRnnApplication.class,
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("charrnn").toAbsolutePath(),
                "--charrnn.workers=1",
                "--charrnn.instance-name=resume",
                "--charrnn.checkpoint-interval=300ms",
                "--charrnn.loss-flush-interval=100ms",
                "--charrnn.polling-interval=200ms");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }
}
