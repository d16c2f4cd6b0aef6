package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run is a function of its config, vocabulary and data: repeating it, or interrupting it with a checkpoint
 * that goes through bytes, changes no bit of the losses, samples, weights, memories or closing samples.
 */
class TrainerDeterminismTest {
    private static final String CORPUS = "a stitch in time saves nine; a rolling stone gathers no moss.\n"
            + "the early bird catches the worm, but the second mouse gets the cheese.\n";
    private static final Vocabulary VOCABULARY = Vocabulary.of(CORPUS);
    private static final int[] DATA = VOCABULARY.encode(CORPUS);
    private static final int ITERATIONS = 90;
    /** 90 iterations of 20 characters wrap around the 133-character corpus many times. */
    private static final TrainingConfig CONFIG = NnFixtures.config(12, 20, ITERATIONS, 7, 1234);

    @Test
    void sameConfigAndSeedGiveBitIdenticalRuns() {
        Run first = Run.of(Trainer.start(CONFIG, VOCABULARY, DATA, null, null));
        Run second = Run.of(Trainer.start(CONFIG, VOCABULARY, DATA, null, null));

        assertThat(second.steps).isEqualTo(first.steps);
        assertThat(first.steps.get(0).samples()).hasSize(2);
        assertBitIdentical(second.weights, first.weights);
        assertBitIdentical(second.memories, first.memories);
        assertThat(second.generated).isEqualTo(first.generated);
    }

    @Test
    void anotherSeedGivesAnotherRun() {
        TrainingConfig other = NnFixtures.config(12, 20, ITERATIONS, 7, 1235);
        Run first = Run.of(Trainer.start(CONFIG, VOCABULARY, DATA, null, null));
        Run second = Run.of(Trainer.start(other, VOCABULARY, DATA, null, null));
        assertThat(second.steps.get(0).loss()).isNotEqualTo(first.steps.get(0).loss());
        assertThat(second.generated).isNotEqualTo(first.generated);
    }

    @Test
    void checkpointThroughBytesContinuesBitForBit() {
        Run uninterrupted = Run.of(Trainer.start(CONFIG, VOCABULARY, DATA, null, null));

        int k = 38; // between two sampling iterations, with a hidden state carried over
        Trainer before = Trainer.start(CONFIG, VOCABULARY, DATA, null, null);
        for (int n = 0; n < k; n++) {
            before.next();
        }
        byte[] blob = before.checkpoint().toBytes();
        Trainer after = Trainer.restore(CONFIG, VOCABULARY, DATA, TrainingState.fromBytes(blob));
        assertThat(after.iteration()).isEqualTo(k);
        Run resumed = Run.of(after);

        assertThat(resumed.steps).isEqualTo(uninterrupted.steps.subList(k, ITERATIONS));
        assertThat(resumed.steps.stream().filter(s -> !s.samples().isEmpty())).isNotEmpty();
        assertBitIdentical(resumed.weights, uninterrupted.weights);
        assertBitIdentical(resumed.memories, uninterrupted.memories);
        assertThat(resumed.generated).isEqualTo(uninterrupted.generated);
    }

    @Test
    void checkpointIsASnapshotNotAView() {
        Trainer trainer = Trainer.start(CONFIG, VOCABULARY, DATA, null, null);
        trainer.next();
        TrainingState state = trainer.checkpoint();
        byte[] blob = state.toBytes();
        trainer.next();
        assertThat(state.toBytes()).isEqualTo(blob);
    }

    private static void assertBitIdentical(CharRnn actual, CharRnn expected) {
        actual.requireSameShape(expected);
        double[][] a = actual.arrays();
        double[][] e = expected.arrays();
        for (int k = 0; k < a.length; k++) {
            assertThat(a[k]).as("array %d", k).isEqualTo(e[k]);
        }
    }

    private record Run(
            List<Trainer.Step> steps, CharRnn weights, CharRnn memories, List<Trainer.GeneratedSample> generated) {
        static Run of(Trainer trainer) {
            List<Trainer.Step> steps = NnFixtures.drain(trainer);
            List<Trainer.GeneratedSample> generated = trainer.generateSamples(5, 150);
            return new Run(steps, trainer.model().copy(), trainer.memories().copy(), generated);
        }
    }
}
