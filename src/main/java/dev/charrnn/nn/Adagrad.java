package dev.charrnn.nn;

/**
 * Adagrad (Duchi, Hazan and Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic
 * Optimization", JMLR 12, 2011), exactly as the reference applies it per parameter:
 * <pre>
 *   mem += g * g
 *   param += -learning_rate * g / sqrt(mem + 1e-8)
 * </pre>
 */
public final class Adagrad {
    private static final double EPS = 1e-8;

    private final double learningRate;
    private final CharRnn mem;

    public Adagrad(double learningRate, CharRnn memories) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
        }
        this.learningRate = learningRate;
        this.mem = memories;
    }

    /** Fresh optimizer with zero memories shaped like {@code model}. */
    public static Adagrad forModel(double learningRate, CharRnn model) {
        return new Adagrad(learningRate, model.zerosLike());
    }

    public CharRnn memories() {
        return mem;
    }

    public double learningRate() {
        return learningRate;
    }

    /** Updates {@code model} in place from {@code grads}. Shapes: model, grads and the memories alike. */
    public void updateInPlace(CharRnn model, CharRnn grads) {
        model.requireSameShape(grads);
        model.requireSameShape(mem);
        double[][] ps = model.arrays();
        double[][] gs = grads.arrays();
        double[][] ms = mem.arrays();
        double negLr = -learningRate;
        for (int k = 0; k < ps.length; k++) {
            double[] prm = ps[k];
            double[] g = gs[k];
            double[] m = ms[k];
            for (int i = 0; i < prm.length; i++) {
                double gi = g[i];
                m[i] += gi * gi;
                prm[i] += negLr * gi / Math.sqrt(m[i] + EPS);
            }
        }
    }
}
