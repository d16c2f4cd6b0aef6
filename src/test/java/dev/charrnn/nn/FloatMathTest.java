package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.nn.ModelConfig.Cell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The float path's exp, σ and tanh: close to the exact functions, and the Vector API's cell maths give the scalar
 * loops' bits (a whole float32 gradient compared bit for bit, H not a multiple of the vector width).
 */
class FloatMathTest {

    @Test
    void expSigmoidAndTanhAreCloseToTheExactFunctions() {
        double worstExp = 0;
        double worstSigmoid = 0;
        double worstTanh = 0;
        for (int i = -2_000_000; i <= 2_000_000; i++) {
            float x = i * 4.3e-5f; // [-86, 86]
            double e = Math.exp(x);
            worstExp = Math.max(worstExp, Math.abs(FloatMath.exp(x) - e) / e);
            worstSigmoid = Math.max(worstSigmoid, Math.abs(FloatMath.sigmoid(x) - 1 / (1 + Math.exp(-(double) x))));
            worstTanh = Math.max(worstTanh, Math.abs(FloatMath.tanh(x) - Math.tanh(x)));
        }
        // float's own rounding is 6e-8 relative
        assertThat(worstExp).isLessThan(2.5e-7);
        assertThat(worstSigmoid).isLessThan(1.2e-7);
        assertThat(worstTanh).isLessThan(2.5e-7);
        assertThat(FloatMath.exp(0f)).isEqualTo(1f);
        assertThat(FloatMath.sigmoid(-1000f)).isGreaterThanOrEqualTo(0f).isLessThan(1e-37f);
        assertThat(FloatMath.sigmoid(1000f)).isEqualTo(1f);
        assertThat(FloatMath.tanh(1000f)).isEqualTo(1f);
        assertThat(FloatMath.tanh(-1000f)).isEqualTo(-1f);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"LSTM", "GRU", "RNN"})
    void vectorCellsGiveTheScalarBits(Cell cell) {
        assertThat(FloatStackedBptt.CELLS)
                .as("tests run with jdk.incubator.vector")
                .isNotNull();
        int H = 37;
        int B = 3;
        int S = 5;
        ModelConfig config =
                ModelConfig.reference().withCell(cell).withLayers(2).withBatchSize(B);
        StackedRnn model = StackedRnn.randomInit(config, H, 11, new Rng(3));
        for (double[] a : model.arrays()) {
            for (int i = 0; i < a.length; i++) {
                a[i] *= 3; // gates far into the saturating ranges too
            }
        }
        Rng rng = new Rng(8);
        int[] inputs = new int[S * B];
        int[] targets = new int[S * B];
        for (int r = 0; r < S * B; r++) {
            inputs[r] = rng.nextInt(11);
            targets[r] = rng.nextInt(11);
        }
        StackedState state = StackedState.zeros(model, B);
        for (double[] a : state.arrays()) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (rng.nextDouble() - 0.5);
            }
        }
        FloatStackedRnn m = FloatStackedRnn.of(model);
        FloatStackedRnn vector = m.zerosLike();
        FloatStackedRnn scalar = m.zerosLike();
        StackedState sv = state.copy();
        StackedState ss = state.copy();
        double lv = new FloatStackedBptt(model, B, S, null, FloatStackedBptt.CELLS)
                .lossAndGradientsInPlace(m, inputs, targets, sv, 0.0, null, vector);
        double ls = new FloatStackedBptt(model, B, S, null, null)
                .lossAndGradientsInPlace(m, inputs, targets, ss, 0.0, null, scalar);
        assertThat(lv).isEqualTo(ls);
        for (int k = 0; k < m.arrays().length; k++) {
            assertThat(vector.arrays()[k]).as(model.names().get(k)).isEqualTo(scalar.arrays()[k]);
        }
        assertThat(sv.arrays()).isEqualTo(ss.arrays());
    }
}
