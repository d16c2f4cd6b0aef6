package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.charrnn.nn.ModelConfig.Cell;
import org.junit.jupiter.api.Test;

class StackedInferenceTest {
    private static final ModelConfig LSTM =
            ModelConfig.reference().withCell(Cell.LSTM).withLayers(2);

    @Test
    void perLayerStatesAreTheSequenceForwardPassOneCharacterAtATime() {
        StackedRnn m = StackedRnn.randomInit(LSTM, 6, 9, new Rng(2));
        int[] text = {1, 4, 4, 0, 8, 2, 7};
        double[][][] h = new StackedInference(m).states(text, false);
        double[][][] c = new StackedInference(m).states(text, true);

        StackedState state = StackedState.zeros(m, 1);
        new StackedBptt(m, 1, text.length).forwardInPlace(m, text, state, 0.0, null);
        for (int l = 0; l < 2; l++) {
            assertThat(h[text.length - 1][l]).isEqualTo(state.h[l]);
            assertThat(c[text.length - 1][l]).isEqualTo(state.c[l]);
        }
        assertThat(h[0][0]).isNotEqualTo(h[1][0]);
        StackedRnn gru = StackedRnn.randomInit(LSTM.withCell(Cell.GRU), 6, 9, new Rng(2));
        assertThatThrownBy(() -> new StackedInference(gru).states(text, true))
                .hasMessageContaining("only an LSTM has a cell state");
    }

    @Test
    void samplingIsSeededAndALowTemperatureSharpens() {
        StackedRnn m = StackedRnn.randomInit(LSTM, 6, 9, new Rng(2));
        StackedInference inference = new StackedInference(m);
        int[] a = inference.sample(inference.zeroState(), 3, 50, 1.0, false, new Rng(8));
        int[] b = inference.sample(inference.zeroState(), 3, 50, 1.0, false, new Rng(8));
        assertThat(a).isEqualTo(b).hasSize(50);
        int[] argmax = inference.sample(inference.zeroState(), 3, 20, 1.0, true, null);
        int[] cold = inference.sample(inference.zeroState(), 3, 20, 1e-6, false, new Rng(8));
        assertThat(cold).isEqualTo(argmax);
        double[] p = inference.stepInPlace(inference.zeroState(), 3, 1.0).clone();
        double[] hot = inference.stepInPlace(inference.zeroState(), 3, 10.0);
        double max = 0;
        for (double v : p) {
            max = Math.max(max, v);
        }
        double maxHot = 0;
        for (double v : hot) {
            maxHot = Math.max(maxHot, v);
        }
        assertThat(maxHot).isLessThan(max);
    }
}
