package dev.charrnn.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.CharRnnApplication;
import dev.charrnn.nn.DefaultCorpus;
import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.support.ApiClient;
import dev.charrnn.support.Twin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A 2 x 16 LSTM on 4 streams with Adam and dropout, stopped with the service in the middle of its run (checkpoint and back to
 * the queue), resumes when the service starts again and ends bit-identical to an uninterrupted run: Adam's moments
 * and step, every stream's h and c, the loader's position and the RNG (dropout masks, samples) all come back from the checkpoint.
 * The same on two threads.
 */
class StackedRunResumeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final int N = 6_000;
    private static final String REQUEST = request(N, 1);

    private static String request(int iterations, int threads) {
        return "{\"cell\":\"lstm\",\"layers\":2,\"hiddenSize\":16,\"batchSize\":4,"
                + "\"seqLength\":16,\"optimizer\":\"adam\",\"learningRate\":0.01,\"gradNormClip\":5,\"dropout\":0.1,"
                + "\"numIterations\":" + iterations + ",\"sampleEvery\":500,\"threads\":" + threads + "}";
    }

    @TempDir
    Path dir;

    @Test
    void anLstmRunStoppedWithTheServiceResumesExactly() {
        stopResumeAndCompare(REQUEST, N, 300, 1);
    }

    /** Resumed, it trains on the threads it was submitted with; its bits are still those of one thread. */
    @Test
    void aRunOnTwoThreadsResumesOnThem() {
        stopResumeAndCompare(request(1_000, 2), 1_000, 100, 2);
    }

    private void stopResumeAndCompare(String request, int n, int stopAfter, int threads) {
        long id;
        int stoppedAfter;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient api = client(first);
            id = api.submit(request);
            stoppedAfter = api.awaitProgress(id, stopAfter, TIMEOUT)
                    .get("progress")
                    .get("iteration")
                    .asInt();
        }
        assertThat(stoppedAfter).as("the run must be stopped in the middle").isLessThan(n);

        try (ConfigurableApplicationContext second = start()) {
            ApiClient api = client(second);
            JsonNode run = api.awaitFinished(id, TIMEOUT);
            assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
            assertThat(run.get("threads").asInt()).isEqualTo(threads);
            Vocabulary vocabulary = Vocabulary.of(DefaultCorpus.TEXT);
            TrainingConfig config = new TrainingConfig(16, 16, n, 0.01, 500, 100, 42, List.of(1.0));
            ModelConfig model = ModelConfig.reference()
                    .withCell(ModelConfig.Cell.LSTM)
                    .withLayers(2)
                    .withBatchSize(4)
                    .withOptimizer(ModelConfig.Optimizer.ADAM)
                    .withDropout(0.1)
                    .withClipping(0, 5);
            Twin.trainStacked(vocabulary.encode(DefaultCorpus.TEXT), vocabulary, config, model)
                    .assertBitIdentical(api, id);
        }
    }

    /** The service on a random port over an H2 file database that outlives it. */
    private ConfigurableApplicationContext start() {
        return SpringApplication.run(
                CharRnnApplication.class,
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("charrnn").toAbsolutePath(),
                "--charrnn.workers=1",
                "--charrnn.max-threads=2",
                "--charrnn.instance-name=stacked-resume",
                "--charrnn.checkpoint-interval=300ms",
                "--charrnn.loss-flush-interval=100ms",
                "--charrnn.polling-interval=200ms");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }
}
