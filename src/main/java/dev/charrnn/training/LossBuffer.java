package dev.charrnn.training;

import dev.charrnn.nn.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects a run's losses and samples on the training thread until the next hand-off to the writer. */
final class LossBuffer {
    private final long runId;
    private double[] raw = new double[1024];
    private int count;
    private int firstIteration;
    private double smoothStart;
    private List<Trainer.TrainingSample> samples = new ArrayList<>();
    private List<Batch.Validation> validation = new ArrayList<>();

    LossBuffer(long runId, int firstIteration, double smoothStart) {
        this.runId = runId;
        this.firstIteration = firstIteration;
        this.smoothStart = smoothStart;
    }

    void add(Trainer.Step step) {
        if (count == raw.length) {
            raw = Arrays.copyOf(raw, raw.length * 2);
        }
        raw[count++] = step.loss();
        if (!step.samples().isEmpty()) {
            samples.addAll(step.samples());
        }
    }

    void addValidation(int iteration, double lossPerChar) {
        validation.add(new Batch.Validation(iteration, lossPerChar));
    }

    int count() {
        return count;
    }

    /** Everything since the last drain, as one batch; the buffer then starts after it. */
    Batch drain(int iteration, double smoothLoss, double charsPerSecond, long trainingMillis, Snapshot checkpoint) {
        Batch b = new Batch(
                runId,
                firstIteration,
                smoothStart,
                Arrays.copyOf(raw, count),
                count,
                samples,
                iteration,
                smoothLoss,
                charsPerSecond,
                trainingMillis,
                checkpoint,
                validation);
        firstIteration += count;
        smoothStart = smoothLoss;
        count = 0;
        samples = new ArrayList<>();
        validation = new ArrayList<>();
        return b;
    }
}
