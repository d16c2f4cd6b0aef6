package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TruncationTest {

    private static double[] apply(Truncation t, double... p) {
        double[] q = p.clone();
        t.apply(q, new Integer[q.length]);
        return q;
    }

    @Test
    void topKKeepsTheKMostLikelyRenormalised() {
        double[] q = apply(new Truncation(2, 1.0), 0.1, 0.4, 0.2, 0.3);
        assertThat(q[0]).isZero();
        assertThat(q[2]).isZero();
        assertThat(q[1]).isCloseTo(0.4 / 0.7, within(1e-15));
        assertThat(q[3]).isCloseTo(0.3 / 0.7, within(1e-15));
    }

    @Test
    void topPKeepsTheFewestWhoseSumReachesP() {
        // 0.4 + 0.3 = 0.7 >= 0.65: two kept
        double[] q = apply(new Truncation(0, 0.65), 0.1, 0.4, 0.2, 0.3);
        assertThat(q).containsExactly(new double[] {0, 0.4 / 0.7, 0, 0.3 / 0.7}, within(1e-15));
        // the most likely character is always kept
        assertThat(apply(new Truncation(0, 1e-9), 0.25, 0.25, 0.5)).containsExactly(0, 0, 1);
        // ties keep the lower index
        assertThat(apply(new Truncation(1, 1.0), 0.5, 0.5)).containsExactly(1, 0);
    }

    @Test
    void noTruncationLeavesTheDrawsAlone() {
        CharRnn model = CharRnn.randomInit(8, 5, new Rng(1));
        int[] plain = Sampler.sample(model, new double[8], 0, 50, 1.0, false, new Rng(9));
        int[] none = Sampler.sample(model, new double[8], 0, 50, 1.0, false, Truncation.NONE, new Rng(9), null);
        assertThat(none).containsExactly(plain);
        assertThatThrownBy(() -> new Truncation(-1, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Truncation(0, 0.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
