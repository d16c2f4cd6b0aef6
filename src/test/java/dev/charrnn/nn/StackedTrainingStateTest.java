package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.charrnn.nn.ModelConfig.Cell;
import dev.charrnn.nn.ModelConfig.Optimizer;
import dev.charrnn.nn.ModelConfig.Precision;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run stopped at any iteration, saved to bytes and restored continues bit for bit like its uninterrupted twin:
 * weights, optimizer moments and step, every stream's state (h and c), the loader's position and the RNG that
 * draws the dropout masks and the samples all travel in the checkpoint.
 */
class StackedTrainingStateTest {

    @ParameterizedTest(name = "{0} with {1}, stopped after {2}, {3}")
    @CsvSource({
        "LSTM, ADAM, 81, FLOAT64",
        "GRU, SGD, 7, FLOAT64",
        "RNN, RMSPROP, 50, FLOAT64",
        "LSTM, ADAGRAD, 1, FLOAT64",
        "LSTM, ADAM, 81, FLOAT32",
        "GRU, SGD, 7, FLOAT32"
    })
    void aRestoredRunContinuesLikeItsTwin(Cell cell, Optimizer optimizer, int stopAt, Precision precision) {
        ModelConfig model = ModelConfig.reference()
                .withCell(cell)
                .withLayers(2)
                .withEmbeddingSize(4)
                .withBatchSize(3)
                .withDropout(0.2)
                .withOptimizer(optimizer)
                .withMomentum(optimizer == Optimizer.SGD ? 0.9 : 0)
                .withClipping(0, 3.0)
                .withPrecision(precision);
        // 2,490 characters in 3 streams of 830: the streams restart at iteration 82
        TrainingConfig config = new TrainingConfig(10, 10, 100, 0.01, 30, 20, 5, List.of(1.0));
        Vocabulary v = Vocabulary.of(DefaultCorpus.TEXT);
        int[] data = v.encode(DefaultCorpus.TEXT);

        StackedTrainer twin = StackedTrainer.start(config, model, v, data, null, null);
        List<Trainer.Step> expected = NnFixtures.drain(twin);

        StackedTrainer first = StackedTrainer.start(config, model, v, data, null, null);
        for (int n = 0; n < stopAt; n++) {
            assertThat(first.next()).isEqualTo(expected.get(n));
        }
        byte[] saved = first.checkpoint().toBytes();
        StackedTrainer resumed = StackedTrainer.restore(config, model, v, data, StackedTrainingState.fromBytes(saved));
        assertThat(resumed.checkpoint().toBytes()).isEqualTo(saved);
        List<Trainer.Step> rest = NnFixtures.drain(resumed);
        assertThat(rest).isEqualTo(expected.subList(stopAt, expected.size()));
        assertThat(resumed.checkpoint().toBytes()).isEqualTo(twin.checkpoint().toBytes());
        assertThat(resumed.generateSamples(2, 40)).isEqualTo(twin.generateSamples(2, 40));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"truncated", "bad magic"})
    void corruptBytesAreRefused(String damage) {
        ModelConfig model = ModelConfig.reference().withCell(Cell.GRU).withOptimizer(Optimizer.ADAM);
        TrainingConfig config = new TrainingConfig(6, 5, 3, 0.01, 100, 0, 5, List.of(1.0));
        Vocabulary v = Vocabulary.of(DefaultCorpus.TEXT);
        byte[] bytes = StackedTrainer.start(config, model, v, v.encode(DefaultCorpus.TEXT), null, null)
                .checkpoint()
                .toBytes();
        byte[] bad = damage.equals("truncated") ? java.util.Arrays.copyOf(bytes, bytes.length - 8) : bytes.clone();
        if (!damage.equals("truncated")) {
            bad[0] = 'X';
        }
        assertThatThrownBy(() -> StackedTrainingState.fromBytes(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(damage.equals("truncated") ? "expected" : "not a charrnn");
    }
}
