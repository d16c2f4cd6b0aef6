package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * {@link Bptt#lossAndGradients} against central finite differences of its own loss, for every entry of all five
 * parameters, before any clipping. The fourth-order stencil
 * {@code (-f(x+2e) + 8 f(x+e) - 8 f(x-e) + f(x-2e)) / 12e} keeps truncation and rounding both near 1e-12, so a
 * relative error bound of 1e-6 holds for small entries too.
 */
class BpttGradientCheckTest {
    private static final int H = 5;
    private static final int V = 4;
    private static final int T = 6;
    private static final double STEP = 1e-3;
    private static final String[] NAMES = {"Wxh", "Whh", "Why", "bh", "by"};

    /** Every character occurs as an input and as a target, so no column of Wxh or row of Why is trivially idle. */
    private static final int[] DATA = {0, 1, 2, 3, 1, 0, 3, 2, 2};

    @Test
    void analyticGradientsMatchFiniteDifferences() {
        CharRnn model = NnFixtures.randomModel(H, V, 0.5, 11);
        double[] hprev = {0.3, -0.2, 0.1, 0.4, -0.5};
        int p = 1;
        Bptt bptt = new Bptt(H, V, T);
        CharRnn grads = model.zerosLike();
        bptt.lossAndGradients(model, DATA, p, hprev, grads, new double[H]);

        double[][] params = model.arrays();
        double[][] analytic = grads.arrays();
        int checked = 0;
        double worst = 0;
        for (int k = 0; k < params.length; k++) {
            for (int i = 0; i < params[k].length; i++) {
                double numeric = numericDerivative(bptt, model, params[k], i, p, hprev);
                double a = analytic[k][i];
                double rel = Math.abs(a - numeric) / Math.max(1e-8, Math.abs(a) + Math.abs(numeric));
                assertThat(rel)
                        .as("%s[%d]: analytic %s, numeric %s", NAMES[k], i, a, numeric)
                        .isLessThan(1e-6);
                worst = Math.max(worst, rel);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(CharRnn.parameterCount(H, V));
        // a check that only ever saw zeros would prove nothing
        assertThat(maxAbs(analytic)).isGreaterThan(0.1);
    }

    @Test
    void finiteDifferencesCatchAWrongGradient() {
        CharRnn model = NnFixtures.randomModel(H, V, 0.5, 11);
        double[] hprev = new double[H];
        Bptt bptt = new Bptt(H, V, T);
        CharRnn grads = model.zerosLike();
        bptt.lossAndGradients(model, DATA, 0, hprev, grads, new double[H]);
        double numeric = numericDerivative(bptt, model, model.Whh, 7, 0, hprev);
        double wrong = grads.Whh[7] * (1 + 1e-4);
        assertThat(Math.abs(wrong - numeric) / (Math.abs(wrong) + Math.abs(numeric)))
                .isGreaterThan(1e-6);
    }

    @Test
    void lossIsTheSummedCrossEntropyAndLastStateIsReturned() {
        CharRnn model = NnFixtures.randomModel(H, V, 0.5, 3);
        double[] hprev = {0.1, 0.2, 0.3, 0.4, 0.5};
        double[] hlast = new double[H];
        double loss = new Bptt(H, V, T).lossAndGradients(model, DATA, 2, hprev, model.zerosLike(), hlast);

        double[] h = hprev.clone();
        double[] scratch = new double[H];
        double[] prob = new double[V];
        double expected = 0;
        for (int t = 0; t < T; t++) {
            model.stepHiddenInPlace(h, DATA[2 + t], scratch);
            model.probabilities(h, 1.0, prob);
            expected += -Math.log(prob[DATA[2 + t + 1]] + 1e-12);
        }
        assertThat(loss).isCloseTo(expected, within(1e-12));
        assertThat(hlast).containsExactly(h, within(1e-15));
        assertThat(hprev).containsExactly(0.1, 0.2, 0.3, 0.4, 0.5);
    }

    private static double numericDerivative(Bptt bptt, CharRnn model, double[] param, int i, int p, double[] hprev) {
        double saved = param[i];
        double[] f = new double[4];
        double[] offsets = {2 * STEP, STEP, -STEP, -2 * STEP};
        CharRnn scratch = model.zerosLike();
        double[] hlast = new double[H];
        for (int s = 0; s < 4; s++) {
            param[i] = saved + offsets[s];
            f[s] = bptt.lossAndGradients(model, DATA, p, hprev, scratch, hlast);
        }
        param[i] = saved;
        return (-f[0] + 8 * f[1] - 8 * f[2] + f[3]) / (12 * STEP);
    }

    private static double maxAbs(double[][] arrays) {
        double m = 0;
        for (double[] a : arrays) {
            for (double x : a) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }
}
