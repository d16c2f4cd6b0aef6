package dev.charrnn.nn;

import java.util.function.IntConsumer;

/**
 * Draws text from a model, one character at a time:
 * {@code h = tanh(Wxh x + Whh h + bh); p = softmax((Why h + by) / temperature); ix ~ p}.
 * The seed character is fed but not emitted; an optional prime is fed first (its last character becomes the seed).
 */
public final class Sampler {
    private Sampler() {}

    /**
     * @param h0 starting hidden state (H); not modified
     * @param seedIx index of the first input character
     * @param n number of characters to emit
     * @param temperature > 0; logits are divided by it
     * @param argmax take the most likely character instead of drawing (no RNG use)
     * @param rng the run's generator (advanced by n draws unless argmax)
     */
    public static int[] sample(
            CharRnn model, double[] h0, int seedIx, int n, double temperature, boolean argmax, Rng rng) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and > 0, got " + temperature);
        }
        if (h0.length != model.H) {
            throw new IllegalArgumentException("hidden state has " + h0.length + " entries, model H=" + model.H);
        }
        double[] h = h0.clone();
        double[] scratch = new double[model.H];
        double[] p = new double[model.V];
        int[] out = new int[n];
        int ix = seedIx;
        for (int k = 0; k < n; k++) {
            model.stepHiddenInPlace(h, ix, scratch);
            model.probabilities(h, temperature, p);
            ix = argmax ? argmax(p) : draw(p, rng);
            out[k] = ix;
        }
        return out;
    }

    /**
     * As {@link #sample(CharRnn, double[], int, int, double, boolean, Rng)}, drawing from the truncated distribution
     * (the same draws when there is no truncation) and handing each character to {@code emitted} as it comes.
     *
     * @param emitted called with each character's index in order; may be null
     */
    public static int[] sample(
            CharRnn model,
            double[] h0,
            int seedIx,
            int n,
            double temperature,
            boolean argmax,
            Truncation truncation,
            Rng rng,
            IntConsumer emitted) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and > 0, got " + temperature);
        }
        if (h0.length != model.H) {
            throw new IllegalArgumentException("hidden state has " + h0.length + " entries, model H=" + model.H);
        }
        double[] h = h0.clone();
        double[] scratch = new double[model.H];
        double[] p = new double[model.V];
        Integer[] order = truncation.isNone() ? null : new Integer[model.V];
        int[] out = new int[n];
        int ix = seedIx;
        for (int k = 0; k < n; k++) {
            model.stepHiddenInPlace(h, ix, scratch);
            model.probabilities(h, temperature, p);
            if (order != null && !argmax) {
                truncation.apply(p, order);
            }
            ix = argmax ? argmax(p) : draw(p, rng);
            out[k] = ix;
            if (emitted != null) {
                emitted.accept(ix);
            }
        }
        return out;
    }

    /**
     * Feeds {@code prime} (indices) from {@code h0} except its last character, returning the state from which
     * sampling continues with that last character as seed.
     */
    public static double[] prime(CharRnn model, double[] h0, int[] prime) {
        double[] h = h0.clone();
        double[] scratch = new double[model.H];
        for (int k = 0; k < prime.length - 1; k++) {
            model.stepHiddenInPlace(h, prime[k], scratch);
        }
        return h;
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int v = 1; v < p.length; v++) {
            if (p[v] > p[best]) {
                best = v;
            }
        }
        return best;
    }

    /** Inverse-CDF draw; the last index absorbs rounding so a draw always lands. */
    static int draw(double[] p, Rng rng) {
        double u = rng.nextDouble();
        double c = 0.0;
        for (int v = 0; v < p.length - 1; v++) {
            c += p[v];
            if (u < c) {
                return v;
            }
        }
        return p.length - 1;
    }
}
