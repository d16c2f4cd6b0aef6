package dev.charrnn.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.nn.Evaluation;
import dev.charrnn.nn.Trainer;
import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.runs.TrainingRun;
import dev.charrnn.support.RunFixtures;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldOutTest {
    private static final String TEXT = "abcdefghij".repeat(10); // 100 characters

    private static TrainingRun run(double fraction, int evalEvery) {
        return RunFixtures.aRun()
                .on(1, 10)
                .hiddenSize(8)
                .seqLength(5)
                .numIterations(12)
                .seed(7)
                .heldOut(fraction, evalEvery)
                .build();
    }

    @Test
    void withoutASplitTheTrainerGetsTheWholeCorpusAndNothingIsMeasured() {
        int[] corpus = Vocabulary.of(TEXT).encode(TEXT);
        HeldOut heldOut = HeldOut.of(run(0, 1), corpus, 1000);
        assertThat(heldOut.training()).isSameAs(corpus);
        LossBuffer buffer = new LossBuffer(1, 0, 0);
        Trainer trainer = trainer(heldOut.training());
        trainer.next();
        heldOut.afterIteration(trainer, buffer);
        heldOut.atEnd(trainer, buffer);
        assertThat(buffer.drain(1, 0, 0, 0, null).validation()).isEmpty();
    }

    @Test
    void trainsOnTheFirstPartAndMeasuresTheCappedLastPartEveryEvalEveryIterationsAndAtTheEnd() {
        Vocabulary vocabulary = Vocabulary.of(TEXT);
        int[] corpus = vocabulary.encode(TEXT);
        HeldOut heldOut = HeldOut.of(run(0.3, 5), corpus, 20);
        assertThat(heldOut.training()).containsExactly(Arrays.copyOf(corpus, 70));

        Trainer trainer = trainer(heldOut.training());
        LossBuffer buffer = new LossBuffer(1, 0, 0);
        while (trainer.hasNext()) { // 12 iterations
            buffer.add(trainer.next());
            heldOut.afterIteration(trainer, buffer);
        }
        heldOut.atEnd(trainer, buffer);
        List<Batch.Validation> points = buffer.drain(12, 0, 0, 0, null).validation();
        assertThat(points).extracting(Batch.Validation::iteration).containsExactly(4, 9, 11);
        double expected = Evaluation.of(trainer.model(), Arrays.copyOfRange(corpus, 70, 90))
                .lossPerChar();
        assertThat(points.get(2).lossPerChar()).isEqualTo(expected);
    }

    @Test
    void aLastIterationOnTheCadenceIsMeasuredOnce() {
        int[] corpus = Vocabulary.of(TEXT).encode(TEXT);
        HeldOut heldOut = HeldOut.of(run(0.3, 4), corpus, 1000);
        Trainer trainer = trainer(heldOut.training());
        LossBuffer buffer = new LossBuffer(1, 0, 0);
        while (trainer.hasNext()) {
            buffer.add(trainer.next());
            heldOut.afterIteration(trainer, buffer);
        }
        heldOut.atEnd(trainer, buffer);
        assertThat(buffer.drain(12, 0, 0, 0, null).validation())
                .extracting(Batch.Validation::iteration)
                .containsExactly(3, 7, 11);
    }

    private static Trainer trainer(int[] data) {
        return Trainer.start(
                new TrainingConfig(8, 5, 12, 0.1, 100, 10, 7, List.of(1.0)), Vocabulary.of(TEXT), data, null, null);
    }
}
