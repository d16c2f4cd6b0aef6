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

    public CharRnn memories() {
        return mem;
    }

    public double learningRate() {
        return learningRate;
    }

    /**
     * {@code np.clip(g, -clip, clip)} then the update above, in one pass and without clipping {@code grads} in
     * place. Only the Wxh columns listed in {@code wxhColumns[0 .. columnCount)} are visited: every other
     * column of dWxh is exactly +0.0 (a one-hot input that did not occur), and for g = +0.0 the update is an exact
     * no-op ({@code mem + 0.0 == mem}; {@code param + (-lr * 0.0) / s == param}, signed zeros included), so
     * skipping it changes no bit while saving most of Wxh's square roots and divisions.
     */
    void clipAndUpdateInPlace(CharRnn model, CharRnn grads, double clip, int[] wxhColumns, int columnCount) {
        model.requireSameShape(grads);
        model.requireSameShape(mem);
        double negLr = -learningRate;
        int H = model.H;
        int V = model.V;
        double[] prm = model.Wxh;
        double[] g = grads.Wxh;
        double[] m = mem.Wxh;
        for (int i = 0; i < H; i++) {
            int row = i * V;
            for (int k = 0; k < columnCount; k++) {
                int j = row + wxhColumns[k];
                double gi = Math.max(-clip, Math.min(clip, g[j]));
                m[j] += gi * gi;
                prm[j] += negLr * gi / Math.sqrt(m[j] + EPS);
            }
        }
        clipAndUpdate(model.Whh, grads.Whh, mem.Whh, clip, negLr);
        clipAndUpdate(model.Why, grads.Why, mem.Why, clip, negLr);
        clipAndUpdate(model.bh, grads.bh, mem.bh, clip, negLr);
        clipAndUpdate(model.by, grads.by, mem.by, clip, negLr);
    }

    /** Math.max(-c, Math.min(c, g)) equals the ternary clip bit for bit (NaN and -0.0 pass through) and vectorises. */
    private static void clipAndUpdate(double[] prm, double[] g, double[] m, double clip, double negLr) {
        for (int i = 0; i < prm.length; i++) {
            double gi = Math.max(-clip, Math.min(clip, g[i]));
            m[i] += gi * gi;
            prm[i] += negLr * gi / Math.sqrt(m[i] + EPS);
        }
    }
}
