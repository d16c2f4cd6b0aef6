package dev.charrnn.training;

import dev.charrnn.nn.Trainer;
import java.util.List;

/**
 * What a running run hands to the writer in one go: the raw losses of iterations
 * [firstIteration, firstIteration + count), the samples drawn and validation losses measured meanwhile, progress,
 * and optionally a checkpoint taken right after the last of those iterations.
 */
record Batch(
        long runId,
        int firstIteration,
        double smoothStart,
        double[] rawLosses,
        int count,
        List<Trainer.TrainingSample> samples,
        int iteration,
        double smoothLoss,
        double charsPerSecond,
        long trainingMillis,
        Snapshot checkpoint,
        List<Validation> validation) {

    /** The validation loss per character after iteration {@code iteration}. */
    record Validation(int iteration, double lossPerChar) {}
}
