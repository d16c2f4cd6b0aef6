package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReadoutTest {

    @Test
    void hiddenStatesAreTheProbesAndGuessesTheLargestProbabilities() {
        CharRnn model = CharRnn.randomInit(12, 9, new Rng(3));
        for (int i = 0; i < model.Why.length; i++) {
            model.Why[i] *= 100; // spread the probabilities so the order is not a tie
        }
        int[] text = {0, 4, 2, 8, 8, 1, 0};
        Readout r = Readout.of(model, text, 4);

        double[][] expected = Evaluation.hiddenStates(model, text);
        assertThat(r.states()).hasSize(1);
        assertThat(r.states().get(0).cell()).isFalse();
        assertThat(r.states().get(0).values()).isDeepEqualTo(expected);
        double[] p = new double[model.V];
        for (int t = 0; t < text.length; t++) {
            model.probabilities(expected[t], 1.0, p);
            double[] probs = p.clone();
            int[] order = IntStream.range(0, model.V)
                    .boxed()
                    .sorted(Comparator.comparingDouble((Integer v) -> -probs[v]).thenComparingInt(v -> v))
                    .mapToInt(Integer::intValue)
                    .toArray();
            assertThat(r.topIndices()[t]).containsExactly(Arrays.copyOf(order, 4));
            for (int k = 0; k < 4; k++) {
                assertThat(r.topProbabilities()[t][k]).isEqualTo(probs[order[k]]);
            }
        }
    }

    @Test
    void aStackedLstmListsEveryLayersHiddenAndCellStatesAndItsOwnGuesses() {
        StackedRnn model = StackedRnn.randomInit(
                ModelConfig.reference().withCell(ModelConfig.Cell.LSTM).withLayers(2), 6, 9, new Rng(2));
        int[] text = {0, 4, 2, 8, 8, 1};
        Readout r = Readout.of(model, text, 3);

        StackedInference inference = new StackedInference(model);
        double[][][] h = inference.states(text, false);
        double[][][] c = inference.states(text, true);
        assertThat(r.states())
                .extracting(Readout.State::layer, Readout.State::cell)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, false),
                        org.assertj.core.groups.Tuple.tuple(0, true),
                        org.assertj.core.groups.Tuple.tuple(1, false),
                        org.assertj.core.groups.Tuple.tuple(1, true));
        StackedState state = inference.zeroState();
        for (int t = 0; t < text.length; t++) {
            for (int l = 0; l < 2; l++) {
                assertThat(r.states().get(2 * l).values()[t]).containsExactly(h[t][l]);
                assertThat(r.states().get(2 * l + 1).values()[t]).containsExactly(c[t][l]);
            }
            double[] p = inference.stepInPlace(state, text[t], 1.0).clone();
            assertThat(r.topIndices()[t]).containsExactly(Readout.top(p, 3));
            assertThat(r.topProbabilities()[t][0]).isEqualTo(p[r.topIndices()[t][0]]);
        }
    }

    @Test
    void topKeepsTheFirstOfEqualValuesAndWorksForEveryK() {
        double[] p = {0.1, 0.3, 0.3, 0.05, 0.25};
        assertThat(Readout.top(p, 1)).containsExactly(1);
        assertThat(Readout.top(p, 3)).containsExactly(1, 2, 4);
        assertThat(Readout.top(p, 5)).containsExactly(1, 2, 4, 0, 3);
        assertThatThrownBy(() -> Readout.of(CharRnn.randomInit(2, 3, new Rng(1)), new int[] {0}, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
