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
        assertThat(r.hidden()).isDeepEqualTo(expected);
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
    void topKeepsTheFirstOfEqualValuesAndWorksForEveryK() {
        double[] p = {0.1, 0.3, 0.3, 0.05, 0.25};
        assertThat(Readout.top(p, 1)).containsExactly(1);
        assertThat(Readout.top(p, 3)).containsExactly(1, 2, 4);
        assertThat(Readout.top(p, 5)).containsExactly(1, 2, 4, 0, 3);
        assertThatThrownBy(() -> Readout.of(CharRnn.randomInit(2, 3, new Rng(1)), new int[] {0}, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
