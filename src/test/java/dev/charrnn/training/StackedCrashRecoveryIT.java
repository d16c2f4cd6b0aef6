package dev.charrnn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.support.ApiClient;
import dev.charrnn.support.ServiceProcess;
import dev.charrnn.support.Twin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 while a 2 x 16 LSTM trains on 4 streams with Adam and dropout: the restarted service resumes from its last
 * checkpoint (weights, Adam's moments and step, every stream's h and c, the loader's position, the RNG that draws the dropout masks) and ends
 * bit-identical to an uninterrupted run: losses once each, samples, weights.
 */
class StackedCrashRecoveryIT {
    private static final int N = 20_000;
    private static final String CORPUS = IntStream.range(0, 400)
            .mapToObj(i ->
                    "line " + i + ": the quick brown fox " + (i % 7 == 0 ? "jumps over the lazy dog" : "naps") + "\n")
            .reduce("", String::concat);

    @TempDir
    Path dir;

    @Test
    void aKilledLstmRunResumesBitIdentical() throws Exception {
        assumeTrue(ServiceProcess.jarBuilt(), "target/charrnn.jar is built by the package phase");
        Map<String, String> settings = Map.of(
                "spring.datasource.url", "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";LOCK_TIMEOUT=10000",
                "charrnn.workers", "1",
                "charrnn.checkpoint-interval", "500ms",
                "charrnn.loss-flush-interval", "200ms");
        String request = "{\"cell\":\"lstm\",\"layers\":2,\"hiddenSize\":16,\"batchSize\":4,\"seqLength\":16,"
                + "\"optimizer\":\"adam\",\"learningRate\":0.01,\"gradNormClip\":5,\"dropout\":0.1,\"numIterations\":"
                + N
                + ",\"sampleEvery\":500,\"corpus\":" + ApiClient.JSON.writeValueAsString(CORPUS) + "}";
        long id;
        try (ServiceProcess a = ServiceProcess.start(dir, "a", settings)) {
            id = a.api().submit(request);
            CrashRecoveryIT.awaitCheckpointPast(a, id, 1, N);
            assertThat(a.api().status(id)).isEqualTo("RUNNING");
            a.kill();
        }
        try (ServiceProcess b = ServiceProcess.start(dir, "a", settings)) {
            JsonNode run = b.awaitFinished(id);
            assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
            Vocabulary vocabulary = Vocabulary.of(CORPUS);
            TrainingConfig config = new TrainingConfig(16, 16, N, 0.01, 500, 100, 42, List.of(1.0));
            ModelConfig model = ModelConfig.reference()
                    .withCell(ModelConfig.Cell.LSTM)
                    .withLayers(2)
                    .withBatchSize(4)
                    .withOptimizer(ModelConfig.Optimizer.ADAM)
                    .withDropout(0.1)
                    .withClipping(0, 5);
            Twin.trainStacked(vocabulary.encode(CORPUS), vocabulary, config, model)
                    .assertBitIdentical(b.api(), id);
        }
    }
}
