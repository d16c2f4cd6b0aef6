package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static final int H = 8;
    private static final int V = 6;
    private static final CharRnn MODEL = NnFixtures.randomModel(H, V, 1.0, 21);
    private static final double[] H0 = {0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7, -0.8};

    @Test
    void argmaxIsDeterministicAndDrawsNothing() {
        Rng rng = new Rng(1);
        long[] before = rng.state();
        int[] first = Sampler.sample(MODEL, H0, 2, 50, 1.0, true, rng);
        int[] second = Sampler.sample(MODEL, H0, 2, 50, 1.0, true, null);
        assertThat(rng.state()).containsExactly(before);
        assertThat(second).containsExactly(first);
        assertThat(H0).containsExactly(0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7, -0.8);
    }

    @Test
    void argmaxTakesTheMostLikelyCharacterAtEveryStep() {
        int[] out = Sampler.sample(MODEL, H0, 2, 30, 1.0, true, null);
        double[] h = H0.clone();
        double[] scratch = new double[H];
        double[] p = new double[V];
        int ix = 2;
        for (int k = 0; k < out.length; k++) {
            MODEL.stepHiddenInPlace(h, ix, scratch);
            MODEL.probabilities(h, 1.0, p);
            double top = Arrays.stream(p).max().orElseThrow();
            assertThat(p[out[k]]).as("step %d", k).isEqualTo(top);
            ix = out[k];
        }
    }

    @Test
    void sameSeedSameTextOtherSeedOtherText() {
        int[] a = Sampler.sample(MODEL, H0, 0, 200, 1.0, false, new Rng(77));
        int[] b = Sampler.sample(MODEL, H0, 0, 200, 1.0, false, new Rng(77));
        int[] c = Sampler.sample(MODEL, H0, 0, 200, 1.0, false, new Rng(78));
        assertThat(b).containsExactly(a);
        assertThat(c).isNotEqualTo(a);
        assertThat(Arrays.stream(a).distinct().count())
                .as("a draw, not a fixed point")
                .isGreaterThan(2);
    }

    @Test
    void samplingAdvancesTheRngOncePerCharacter() {
        Rng used = new Rng(5);
        Sampler.sample(MODEL, H0, 0, 37, 1.0, false, used);
        Rng reference = new Rng(5);
        for (int k = 0; k < 37; k++) {
            reference.nextDouble();
        }
        assertThat(used.state()).containsExactly(reference.state());
    }

    @Test
    void temperatureMustBePositiveAndFinite() {
        for (double t : new double[] {0.0, -0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> Sampler.sample(MODEL, H0, 0, 5, t, false, new Rng(1)))
                    .as("temperature %s", t)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("temperature must be finite and > 0");
        }
    }

    @Test
    void veryLowTemperatureApproachesArgmax() {
        int[] argmax = Sampler.sample(MODEL, H0, 3, 100, 1.0, true, null);
        int[] cold = Sampler.sample(MODEL, H0, 3, 100, 1e-4, false, new Rng(9));
        int[] warm = Sampler.sample(MODEL, H0, 3, 100, 1.0, false, new Rng(9));
        assertThat(cold).containsExactly(argmax);
        assertThat(warm).isNotEqualTo(argmax);
    }

    @Test
    void primeFeedsAllButItsLastCharacter() {
        int[] prime = {4, 1, 5, 0};
        double[] primed = Sampler.prime(MODEL, H0, prime);
        double[] h = H0.clone();
        double[] scratch = new double[H];
        for (int k = 0; k < 3; k++) {
            MODEL.stepHiddenInPlace(h, prime[k], scratch);
        }
        assertThat(primed).containsExactly(h);
        assertThat(H0).containsExactly(0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7, -0.8);
        assertThat(Sampler.prime(MODEL, H0, new int[] {2})).containsExactly(H0).isNotSameAs(H0);
    }

    @Test
    void primingWithTheModelsOwnOutputContinuesTheSameText() {
        int[] text = Sampler.sample(MODEL, H0, 1, 40, 1.0, true, null);
        int[] prime = {1, text[0], text[1], text[2]};
        int[] continued = Sampler.sample(MODEL, Sampler.prime(MODEL, H0, prime), prime[3], 37, 1.0, true, null);
        assertThat(continued).containsExactly(Arrays.copyOfRange(text, 3, 40));
    }

    @Test
    void rejectsAHiddenStateOfTheWrongSize() {
        assertThatThrownBy(() -> Sampler.sample(MODEL, new double[H + 1], 0, 5, 1.0, true, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hidden state has 9 entries, model H=8");
    }

    @Test
    void temperaturesSoSmallThatTheScaledLogitsOverflowStillGiveTheLimitDistribution() {
        // logits 2, 5, 5, -3: below ~1e-308 the scaled ones overflow; the limit shares p between the two 5s
        double[] logits = {2.0, 5.0, 5.0, -3.0};
        for (double t : new double[] {1e-308, 1e-300, Double.MIN_VALUE, 1e-3}) {
            double[] p = logits.clone();
            Softmax.withTemperatureInPlace(p, 0, p.length, t);
            assertThat(p).as("temperature %s", t).containsExactly(0.0, 0.5, 0.5, 0.0);
        }
        double[] negative = {-7.0, -1.0, -4.0};
        Softmax.withTemperatureInPlace(negative, 0, negative.length, 1e-308);
        assertThat(negative).containsExactly(0.0, 1.0, 0.0);
    }

    @Test
    void atOrdinaryTemperaturesTheDistributionIsTheReferencesDivideThenSoftmax() {
        Rng rng = new Rng(3);
        for (double t : new double[] {0.01, 0.5, 1.0, 1.7, 100.0}) {
            double[] logits = new double[65];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (rng.nextDouble() - 0.5) * 40;
            }
            double[] reference = logits.clone();
            for (int i = 0; i < reference.length; i++) {
                reference[i] = reference[i] / t;
            }
            Softmax.inPlace(reference, 0, reference.length);
            double[] p = logits.clone();
            Softmax.withTemperatureInPlace(p, 0, p.length, t);
            assertThat(p).as("temperature %s", t).containsExactly(reference);
        }
    }

    @Test
    void aTinyTemperatureSamplesTheMostLikelyCharacterNotTheLastOne() {
        int[] argmax = Sampler.sample(MODEL, H0, 3, 100, 1.0, true, null);
        for (double t : new double[] {1e-308, 1e-300, Double.MIN_VALUE}) {
            assertThat(Sampler.sample(MODEL, H0, 3, 100, t, false, new Rng(9)))
                    .as("temperature %s", t)
                    .containsExactly(argmax);
        }
    }
}
