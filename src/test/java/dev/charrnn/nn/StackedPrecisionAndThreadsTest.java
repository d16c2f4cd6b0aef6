package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.nn.ModelConfig.Cell;
import dev.charrnn.nn.ModelConfig.Optimizer;
import dev.charrnn.nn.ModelConfig.Precision;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The float32 path against the float64 one from the same initial weights (rounded to float), and runs on two
 * threads against one: the same losses, samples, weights, optimizer state and stream states, bit for bit.
 */
class StackedPrecisionAndThreadsTest {

    static ModelConfig model(Cell cell, Optimizer optimizer, Precision precision) {
        return ModelConfig.reference()
                .withCell(cell)
                .withLayers(2)
                .withBatchSize(8)
                .withOptimizer(optimizer)
                .withClipping(0, 5.0)
                .withPrecision(precision);
    }

    /**
     * 50 iterations of float32 follow float64 to 1e-5 relative in every loss (measured: 1e-8 to 1.5e-7; float rounds
     * at 6e-8 per operation), while training moves the loss by far more.
     */
    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"LSTM, ADAM, 0.01", "GRU, ADAM, 0.01", "LSTM, SGD, 0.5", "RNN, RMSPROP, 0.002"})
    void float32LossesTrackFloat64(Cell cell, Optimizer optimizer, double learningRate) {
        TrainingConfig config = new TrainingConfig(24, 16, 50, learningRate, Integer.MAX_VALUE, 0, 3, List.of(1.0));
        Vocabulary v = Vocabulary.of(DefaultCorpus.TEXT);
        int[] data = v.encode(DefaultCorpus.TEXT);
        ModelConfig f64 = model(cell, optimizer, Precision.FLOAT64);
        // initial weights that are floats, so both runs start from the very same model
        StackedRnn init = StackedRnn.randomInit(f64, 24, v.size(), new Rng(17));
        for (double[] a : init.arrays()) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) a[i];
            }
        }
        List<Trainer.Step> wide = NnFixtures.drain(StackedTrainer.start(config, f64, v, data, init, null));
        StackedTrainer narrowTrainer =
                StackedTrainer.start(config, model(cell, optimizer, Precision.FLOAT32), v, data, init, null);
        List<Trainer.Step> narrow = NnFixtures.drain(narrowTrainer);
        double worst = 0;
        for (int n = 0; n < wide.size(); n++) {
            double a = narrow.get(n).loss();
            double b = wide.get(n).loss();
            worst = Math.max(worst, Math.abs(a - b) / Math.abs(b));
        }
        assertThat(worst).as("largest relative loss difference").isLessThan(1e-5);
        // not equal either: the float path really ran in float
        assertThat(narrow.get(49).loss()).isNotEqualTo(wide.get(49).loss());
        assertThat(Math.abs(wide.get(49).loss() - wide.get(0).loss())
                        / wide.get(0).loss())
                .isGreaterThan(0.05);
        // the model handed out holds floats
        for (double[] a : narrowTrainer.model().arrays()) {
            for (double x : a) {
                assertThat((double) (float) x).isEqualTo(x);
            }
        }
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @CsvSource({
        "LSTM, FLOAT32, 0",
        "LSTM, FLOAT64, 0",
        "GRU, FLOAT32, 0.2",
        "GRU, FLOAT64, 0",
        "RNN, FLOAT64, 0.2",
        "LSTM, FLOAT32, 0.3"
    })
    void twoThreadsGiveTheBitsOfOne(Cell cell, Precision precision, double dropout) {
        // H = 80: an LSTM's 320 gate columns are two panels (split by columns), a GRU's 240 one (split by rows)
        ModelConfig model = model(cell, Optimizer.ADAM, precision)
                .withBatchSize(16)
                .withDropout(dropout)
                .withEmbeddingSize(cell == Cell.GRU ? 6 : 0);
        TrainingConfig config = new TrainingConfig(80, 12, 15, 0.005, 10, 0, 4, List.of(1.0));
        Vocabulary v = Vocabulary.of(DefaultCorpus.TEXT);
        int[] data = v.encode(DefaultCorpus.TEXT);
        StackedTrainer one = StackedTrainer.start(config, model, v, data, null, null, 1);
        List<Trainer.Step> expected = NnFixtures.drain(one);
        // 2 threads split the 16 streams 8 + 8; 3 threads 5 + 5 + 6
        for (int threads = 2; threads <= 3; threads++) {
            try (StackedTrainer split = StackedTrainer.start(config, model, v, data, null, null, threads)) {
                List<Trainer.Step> actual = NnFixtures.drain(split);
                assertThat(actual).as("%d threads", threads).isEqualTo(expected);
                assertThat(split.checkpoint().toBytes())
                        .isEqualTo(one.checkpoint().toBytes());
            }
        }
    }
}
