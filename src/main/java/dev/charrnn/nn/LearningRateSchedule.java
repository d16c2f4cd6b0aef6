package dev.charrnn.nn;

/**
 * The learning rate of iteration n (from 0) of a run of N iterations:
 * <ul>
 * <li>constant: lr;</li>
 * <li>char-rnn's step decay: lr * decay^⌊n / every⌋;</li>
 * <li>nanoGPT's: linear warm-up lr * (n+1) / (warmup+1) for n < warmup, then
 * minLr + ½ (1 + cos(π · progress)) (lr − minLr) with progress = (n − warmup) / (N − warmup), clamped to [0, 1].</li>
 * </ul>
 * A pure function of the iteration, so a resumed run continues on the same schedule.
 */
public final class LearningRateSchedule {
    private LearningRateSchedule() {}

    public static double rate(TrainingConfig config, ModelConfig m, int n) {
        double lr = config.learningRate();
        if (m.lrDecayEvery() > 0) {
            return lr * Math.pow(m.lrDecay(), n / m.lrDecayEvery());
        }
        if (m.minLearningRate() == null) {
            return lr;
        }
        int warmup = m.warmupIterations();
        if (n < warmup) {
            return lr * (n + 1) / (warmup + 1);
        }
        double minLr = m.minLearningRate();
        int span = config.numIterations() - warmup;
        double progress = span <= 0 ? 1.0 : Math.min(1.0, (double) (n - warmup) / span);
        return minLr + 0.5 * (1.0 + Math.cos(Math.PI * progress)) * (lr - minLr);
    }
}
