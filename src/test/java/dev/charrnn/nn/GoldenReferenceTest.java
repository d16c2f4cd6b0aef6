package dev.charrnn.nn;

import static dev.charrnn.nn.NnFixtures.doubles;
import static dev.charrnn.nn.NnFixtures.maxAbsoluteError;
import static dev.charrnn.nn.NnFixtures.maxRelativeError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training agrees with the numpy reference ({@code ../shared/bench/seed_numpy.py}) on a fixture it produced:
 * {@code src/test/resources/golden/}, made by {@code make-golden.sh} with
 * <pre>
 *   seed_numpy.py corpus.txt --init-random 7 --hidden-size 16 --dump-init init.json --num-iterations 0
 *   seed_numpy.py corpus.txt --init-weights init.json --num-iterations 60 \
 *       --dump-losses losses.json --dump-raw-losses raw-losses.json --dump-weights final.json
 * </pre>
 * The corpus has 29 distinct characters, three of them above U+2000 and one outside the BMP, and is short enough
 * (286 characters) that 60 iterations of 25 characters wrap around it five times. Every loss and weight must have
 * the reference's bits: same operations, same summation orders, numpy's exp, log and tanh ({@link NumpyMath}).
 */
class GoldenReferenceTest {
    private static final int ITERATIONS = 60;

    @Test
    void sixtyIterationsMatchTheReferenceBitForBit() {
        String corpus = NnFixtures.text("/golden/corpus.txt");
        Vocabulary vocabulary = Vocabulary.of(corpus);
        CharRnn init = NnFixtures.weights("/golden/init.json");
        TrainingConfig config = new TrainingConfig(16, 25, ITERATIONS, 0.1, 20, 30, 42, List.of(1.0));

        Trainer trainer = Trainer.start(config, vocabulary, vocabulary.encode(corpus), init, null);
        List<Trainer.Step> steps = NnFixtures.drain(trainer);

        double[] smooth = new double[ITERATIONS];
        double[] raw = new double[ITERATIONS];
        for (int n = 0; n < ITERATIONS; n++) {
            smooth[n] = steps.get(n).smoothLoss();
            raw[n] = steps.get(n).loss();
        }
        double[] expectedSmooth = doubles("/golden/losses.json");
        double[] expectedRaw = doubles("/golden/raw-losses.json");
        CharRnn expectedWeights = NnFixtures.weights("/golden/final.json");
        assertThat(steps).hasSize(expectedSmooth.length).hasSize(expectedRaw.length);
        assertThat(maxRelativeError(smooth, expectedSmooth))
                .as("smooth losses, max relative error")
                .isZero();
        assertThat(maxRelativeError(raw, expectedRaw))
                .as("raw losses, max relative error")
                .isZero();
        assertThat(maxAbsoluteError(trainer.model(), expectedWeights))
                .as("final weights, max absolute error")
                .isZero();
        // the run must actually have learnt something, or matching would prove little
        assertThat(smooth[ITERATIONS - 1]).isLessThan(-Math.log(1.0 / vocabulary.size()) * 25 - 1.0);
    }
}
