package dev.charrnn.training;

import dev.charrnn.nn.Evaluation;
import dev.charrnn.nn.StackedInference;
import dev.charrnn.nn.StackedTrainer;
import dev.charrnn.nn.Trainer;
import dev.charrnn.nn.TrainingLoop;
import dev.charrnn.runs.TrainingRun;
import dev.charrnn.runs.ValidationSplit;
import java.util.Arrays;

/**
 * A run's validation split on the training thread: the part of the corpus the trainer sees, and the held-out
 * text it measures the model on every {@code evalEvery} iterations. The measurement runs the model over the first
 * {@code maxChars} characters of the held-out text and stops training meanwhile: measured, a validated character
 * costs about half a trained one, so it adds roughly {@code maxChars / (2 * evalEvery * seqLength)} to the training
 * time (20% with 1,000 characters every 100 iterations of 25; 10,000 would more than double it).
 */
final class HeldOut {
    private final int[] training;
    private final int[] validation;
    private final int every;

    private HeldOut(int[] training, int[] validation, int every) {
        this.training = training;
        this.validation = validation;
        this.every = every;
    }

    static HeldOut of(TrainingRun run, int[] corpus, int maxChars) {
        if (run.getValidationFraction() <= 0) {
            return new HeldOut(corpus, null, run.getEvalEvery());
        }
        ValidationSplit split = ValidationSplit.of(corpus.length, run.getValidationFraction());
        int end = (int) Math.min(corpus.length, (long) split.trainLength() + maxChars);
        return new HeldOut(
                Arrays.copyOf(corpus, split.trainLength()),
                Arrays.copyOfRange(corpus, split.trainLength(), end),
                run.getEvalEvery());
    }

    /** What the trainer learns from. */
    int[] training() {
        return training;
    }

    /** After each iteration: measures when (iteration + 1) is a multiple of evalEvery. */
    void afterIteration(TrainingLoop trainer, LossBuffer buffer) {
        if (validation != null && trainer.iteration() % every == 0) {
            measure(trainer, buffer);
        }
    }

    /** After the last iteration, unless it was just measured. */
    void atEnd(TrainingLoop trainer, LossBuffer buffer) {
        if (validation != null && trainer.iteration() > 0 && trainer.iteration() % every != 0) {
            measure(trainer, buffer);
        }
    }

    private void measure(TrainingLoop trainer, LossBuffer buffer) {
        Evaluation e = trainer instanceof StackedTrainer stacked
                ? new StackedInference(stacked.model()).evaluate(validation)
                : Evaluation.of(((Trainer) trainer).model(), validation);
        buffer.addValidation(trainer.iteration() - 1, e.lossPerChar());
    }
}
