package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.nn.ModelConfig.Cell;
import dev.charrnn.nn.ModelConfig.Optimizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 50 iterations against PyTorch in float64 from PyTorch's own initial weights ({@code torch_charlm.py --double
 * --reduction seqsum}; fixtures and the command that made them in {@code src/test/resources/torch-golden/}):
 * batch 4, seq 16, gradient norm clipped to 1, on a license text no setting was tuned on, with one stream restart
 * in the run. Every iteration's loss agrees to 1e-9 relative and every final weight to 1e-8 absolute.
 */
class StackedTorchGoldenTest {
    private static final String DIR = "/torch-golden/";

    @ParameterizedTest(name = "{0} x {1} layer(s), {2}")
    @CsvSource({"LSTM, 2, ADAM, 0.01", "LSTM, 2, SGD, 0.05", "GRU, 1, ADAM, 0.01", "GRU, 1, SGD, 0.05"})
    void lossesAndFinalWeightsMatchPyTorch(Cell cell, int layers, Optimizer optimizer, double learningRate) {
        String prefix = DIR + cell.name().toLowerCase() + layers;
        String opt = optimizer.name().toLowerCase();
        String text = NnFixtures.text(DIR + "corpus.txt");
        Vocabulary vocabulary = Vocabulary.of(text);
        StackedRnn init = stateDict(prefix + "-init.json");
        ModelConfig model = ModelConfig.reference()
                .withCell(cell)
                .withLayers(layers)
                .withBatchSize(4)
                .withOptimizer(optimizer)
                .withClipping(0, 1.0);
        TrainingConfig config = new TrainingConfig(16, 16, 50, learningRate, Integer.MAX_VALUE, 0, 42, List.of(1.0));
        StackedTrainer trainer = StackedTrainer.start(config, model, vocabulary, vocabulary.encode(text), init, null);

        double[] expected = NnFixtures.doubles(prefix + "-" + opt + "-losses.json");
        assertThat(expected).hasSize(50);
        for (int n = 0; n < expected.length; n++) {
            double loss = trainer.next().loss();
            assertThat(Math.abs(loss - expected[n]) / Math.abs(expected[n]))
                    .as("loss of iteration " + n)
                    .isLessThan(1e-9);
        }
        StackedRnn torch = stateDict(prefix + "-" + opt + "-final.json");
        StackedRnn ours = trainer.model();
        double moved = 0;
        for (int k = 0; k < torch.arrays().length; k++) {
            double[] a = ours.arrays()[k];
            double[] b = torch.arrays()[k];
            double[] a0 = init.arrays()[k];
            for (int i = 0; i < a.length; i++) {
                assertThat(Math.abs(a[i] - b[i]))
                        .as(torch.names().get(k) + "[" + i + "]")
                        .isLessThan(1e-8);
                moved = Math.max(moved, Math.abs(b[i] - a0[i]));
            }
        }
        // the weights travelled far further than the tolerance
        assertThat(moved).isGreaterThan(1e-2);
    }

    static StackedRnn stateDict(String path) {
        try (InputStream in = NnFixtures.resource(path)) {
            return TorchStateDict.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
