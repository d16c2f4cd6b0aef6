package dev.charrnn.nn;

import java.util.List;

/**
 * Hyperparameters of one run; defaults are the reference script's.
 *
 * @param sampleTemperatures one training sample per temperature every {@code sampleEvery} iterations
 */
public record TrainingConfig(
        int hiddenSize,
        int seqLength,
        int numIterations,
        double learningRate,
        int sampleEvery,
        int sampleLength,
        long seed,
        List<Double> sampleTemperatures) {

    public static final int DEFAULT_HIDDEN_SIZE = 64;
    public static final int DEFAULT_SEQ_LENGTH = 25;
    public static final int DEFAULT_NUM_ITERATIONS = 2000;
    public static final double DEFAULT_LEARNING_RATE = 0.1;
    public static final int DEFAULT_SAMPLE_EVERY = 200;
    public static final int DEFAULT_SAMPLE_LENGTH = 100;
    public static final long DEFAULT_SEED = 42;

    public TrainingConfig {
        if (hiddenSize < 1 || seqLength < 1 || numIterations < 0 || sampleEvery < 1 || sampleLength < 0) {
            throw new IllegalArgumentException("invalid training config: " + hiddenSize + "/" + seqLength + "/"
                    + numIterations + "/" + sampleEvery + "/" + sampleLength);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
        }
        sampleTemperatures = sampleTemperatures == null || sampleTemperatures.isEmpty()
                ? List.of(1.0)
                : List.copyOf(sampleTemperatures);
    }

    public static TrainingConfig defaults() {
        return new TrainingConfig(
                DEFAULT_HIDDEN_SIZE,
                DEFAULT_SEQ_LENGTH,
                DEFAULT_NUM_ITERATIONS,
                DEFAULT_LEARNING_RATE,
                DEFAULT_SAMPLE_EVERY,
                DEFAULT_SAMPLE_LENGTH,
                DEFAULT_SEED,
                List.of(1.0));
    }
}
