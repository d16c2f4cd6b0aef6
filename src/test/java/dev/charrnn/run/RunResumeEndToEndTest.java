package dev.charrnn.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.CharRnnApplication;
import dev.charrnn.nn.DefaultCorpus;
import dev.charrnn.nn.Trainer;
import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.nn.Vocabulary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
            stoppedAfter = api.awaitProgress(id, 1000, TIMEOUT).get("progress").get("iteration").asInt();
        }
        assertThat(stoppedAfter).as("the run must be stopped in the middle").isLessThan(ITERATIONS);

        try (ConfigurableApplicationContext second = start()) {
            ApiClient api = client(second);
            JsonNode run = api.awaitStatus(id, TIMEOUT, "SUCCEEDED", "FAILED", "CANCELLED");
            assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");

            Expected expected = uninterrupted(new TrainingConfig(32, 25, ITERATIONS, 0.1, 1000, 100, 42,
                    List.of(1.0)));
            JsonNode losses = api.get("/api/runs/" + id + "/losses").json();
            assertThat(losses.get("iterations").size()).isEqualTo(ITERATIONS);
            double[] smooth = new double[ITERATIONS];
            for (int i = 0; i < ITERATIONS; i++) {
                assertThat(losses.get("iterations").get(i).asInt()).isEqualTo(i);
                smooth[i] = losses.get("smoothLoss").get(i).asDouble();
            }
            assertThat(smooth).containsExactly(expected.smooth());
            List<String> samples = new ArrayList<>();
            api.get("/api/runs/" + id + "/samples").json().forEach(s -> samples.add(s.get("sample").asString()));
            assertThat(samples).isEqualTo(expected.samples());
            assertThat(run.get("summary").get("finalLoss").asDouble()).isEqualTo(expected.smooth()[ITERATIONS - 1]);
        }
    }

    private record Expected(double[] smooth, List<String> samples) {
    }

    private static Expected uninterrupted(TrainingConfig config) {
        Vocabulary vocabulary = Vocabulary.of(DefaultCorpus.TEXT);
        Trainer trainer = Trainer.start(config, vocabulary, vocabulary.encode(DefaultCorpus.TEXT), null, null);
        double[] smooth = new double[config.numIterations()];
        List<String> samples = new ArrayList<>();
        while (trainer.hasNext()) {
            Trainer.Step step = trainer.next();
            smooth[step.iteration()] = step.smoothLoss();
            step.samples().forEach(s -> samples.add(s.text()));
        }
        return new Expected(smooth, samples);
    }

    /** The service on a random port over an H2 file database that outlives it. */
    private ConfigurableApplicationContext start() {
        return SpringApplication.run(CharRnnApplication.class, "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("charrnn").toAbsolutePath(),
                "--charrnn.workers=1", "--charrnn.instance-name=resume", "--charrnn.checkpoint-interval=300ms",
                "--charrnn.loss-flush-interval=100ms", "--charrnn.polling-interval=200ms");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }
}
