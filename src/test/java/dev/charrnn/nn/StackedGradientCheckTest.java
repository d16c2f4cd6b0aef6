package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.nn.ModelConfig.Cell;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every analytic gradient of {@link StackedBptt} against a fourth-order central difference of the loss, for every
 * parameter of every cell, with 1 and 2 layers, one-hot and embedded input, from a non-zero carried state, with and
 * without dropout (the masks are the same in every evaluation: the RNG restarts from one seed).
 */
class StackedGradientCheckTest {
    private static final int V = 7;
    private static final int H = 5;
    private static final int B = 3;
    private static final int S = 4;
    private static final double STEP = 1e-3;

    @ParameterizedTest(name = "{0}, {1} layer(s), embedding {2}, dropout {3}")
    @CsvSource({
        "LSTM, 1, 0, 0", "LSTM, 2, 0, 0", "LSTM, 1, 3, 0", "LSTM, 2, 3, 0", "LSTM, 2, 3, 0.3",
        "GRU, 1, 0, 0", "GRU, 2, 0, 0", "GRU, 1, 3, 0", "GRU, 2, 3, 0", "GRU, 2, 0, 0.3",
        "RNN, 1, 0, 0", "RNN, 2, 0, 0", "RNN, 1, 3, 0", "RNN, 2, 3, 0", "RNN, 2, 3, 0.3"
    })
    void analyticGradientsMatchFiniteDifferences(Cell cell, int layers, int embedding, double dropout) {
        ModelConfig config = ModelConfig.reference()
                .withCell(cell)
                .withLayers(layers)
                .withEmbeddingSize(embedding)
                .withBatchSize(B);
        Rng init = new Rng(11);
        StackedRnn model = StackedRnn.randomInit(config, H, V, init);
        // Larger weights than the default init, so every gradient is well above the differences' rounding.
        for (double[] a : model.arrays()) {
            for (int i = 0; i < a.length; i++) {
                a[i] *= 2.5;
            }
        }
        StackedState state = StackedState.zeros(model, B);
        for (double[] a : state.arrays()) {
            for (int i = 0; i < a.length; i++) {
                a[i] = init.nextDouble() - 0.5;
            }
        }
        int[] inputs = new int[S * B];
        int[] targets = new int[S * B];
        for (int r = 0; r < S * B; r++) {
            inputs[r] = init.nextInt(V);
            targets[r] = init.nextInt(V);
        }
        StackedBptt bptt = new StackedBptt(model, B, S);
        StackedRnn grads = model.zerosLike();
        bptt.lossAndGradientsInPlace(model, inputs, targets, state.copy(), dropout, new Rng(5), grads);

        int checked = 0;
        double worst = 0;
        StackedRnn scratch = model.zerosLike();
        for (int k = 0; k < model.arrays().length; k++) {
            double[] p = model.arrays()[k];
            double[] g = grads.arrays()[k];
            for (int i = 0; i < p.length; i++) {
                double saved = p[i];
                double[] f = new double[4];
                double[] offsets = {-2 * STEP, -STEP, STEP, 2 * STEP};
                for (int s = 0; s < 4; s++) {
                    p[i] = saved + offsets[s];
                    f[s] = bptt.lossAndGradientsInPlace(
                            model, inputs, targets, state.copy(), dropout, new Rng(5), scratch);
                }
                p[i] = saved;
                double numeric = (f[0] - 8 * f[1] + 8 * f[2] - f[3]) / (12 * STEP);
                double analytic = g[i];
                double scale = Math.max(Math.abs(numeric), Math.abs(analytic));
                String where = model.names().get(k) + "[" + i + "]";
                if (scale > 1e-5) {
                    double rel = Math.abs(numeric - analytic) / scale;
                    worst = Math.max(worst, rel);
                    assertThat(rel)
                            .as(where + ": analytic " + analytic + ", numeric " + numeric)
                            .isLessThan(1e-6);
                    checked++;
                } else {
                    assertThat(Math.abs(numeric - analytic)).as(where).isLessThan(1e-11);
                }
            }
        }
        // Most entries are large enough for the relative test: the check is not passing on near-zero gradients.
        assertThat(checked).isGreaterThan((int) (0.8 * model.parameterCount()));
        assertThat(worst).isLessThan(1e-6);
    }
}
