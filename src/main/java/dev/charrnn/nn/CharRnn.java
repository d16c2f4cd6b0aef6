package dev.charrnn.nn;

/**
 * The parameters of a vanilla character-level RNN, float64, flat row-major arrays named after the maths:
 * <pre>
 *   h_t = tanh(Wxh x_t + Whh h_{t-1} + bh)     Wxh: H x V, Whh: H x H, bh: H
 *   y_t = Why h_t + by                          Why: V x H, by: V
 *   p_t = softmax(y_t)
 * </pre>
 * The same shape also holds gradients and Adagrad memories ({@link #zerosLike()}).
 */
public final class CharRnn {
    public final int H;
    public final int V;
    public final double[] Wxh;
    public final double[] Whh;
    public final double[] Why;
    public final double[] bh;
    public final double[] by;

    public CharRnn(int hiddenSize, int vocabSize) {
        if (hiddenSize < 1 || vocabSize < 1) {
            throw new IllegalArgumentException(
                    "hidden size and vocabulary size must be >= 1, got H=" + hiddenSize + " V=" + vocabSize);
        }
        this.H = hiddenSize;
        this.V = vocabSize;
        this.Wxh = new double[H * V];
        this.Whh = new double[H * H];
        this.Why = new double[V * H];
        this.bh = new double[H];
        this.by = new double[V];
    }

    /** The reference's init: weights standard normal x 0.01 (Wxh, then Whh, then Why, row-major), zero biases. */
    public static CharRnn randomInit(int hiddenSize, int vocabSize, Rng rng) {
        CharRnn m = new CharRnn(hiddenSize, vocabSize);
        for (double[] w : new double[][] {m.Wxh, m.Whh, m.Why}) {
            for (int i = 0; i < w.length; i++) {
                w[i] = rng.nextGaussian() * 0.01;
            }
        }
        return m;
    }

    public CharRnn zerosLike() {
        return new CharRnn(H, V);
    }

    public CharRnn copy() {
        CharRnn c = new CharRnn(H, V);
        copyInto(c);
        return c;
    }

    public void copyInto(CharRnn target) {
        requireSameShape(target);
        double[][] src = arrays();
        double[][] dst = target.arrays();
        for (int k = 0; k < src.length; k++) {
            System.arraycopy(src[k], 0, dst[k], 0, src[k].length);
        }
    }

    /** Wxh, Whh, Why, bh, by: the reference's order everywhere (JSON keys, checkpoints, the optimizer). */
    public double[][] arrays() {
        return new double[][] {Wxh, Whh, Why, bh, by};
    }

    public long parameterCount() {
        return parameterCount(H, V);
    }

    public static long parameterCount(long hiddenSize, long vocabSize) {
        return hiddenSize * vocabSize * 2 + hiddenSize * hiddenSize + hiddenSize + vocabSize;
    }

    public void requireSameShape(CharRnn other) {
        if (other.H != H || other.V != V) {
            throw new IllegalArgumentException(
                    "shape mismatch: (H=" + H + ", V=" + V + ") vs (H=" + other.H + ", V=" + other.V + ")");
        }
    }

    /**
     * One recurrence step used outside training (sampling, probes, evaluation):
     * {@code h = tanh(Wxh[:, ix] + Whh h + bh)} in place.
     * Shapes: h (H), hraw scratch (H).
     */
    public void stepHiddenInPlace(double[] h, int ix, double[] scratch) {
        for (int i = 0; i < H; i++) {
            double s = 0.0;
            int row = i * H;
            for (int j = 0; j < H; j++) {
                s += Whh[row + j] * h[j];
            }
            scratch[i] = NumpyMath.tanh((Wxh[i * V + ix] + s) + bh[i]);
        }
        System.arraycopy(scratch, 0, h, 0, H);
    }

    /**
     * Softmax of {@code (Why h + by) / temperature} into p. Shapes: h (H), p (V).
     */
    public void probabilities(double[] h, double temperature, double[] p) {
        for (int v = 0; v < V; v++) {
            double s = 0.0;
            int row = v * H;
            for (int j = 0; j < H; j++) {
                s += Why[row + j] * h[j];
            }
            p[v] = s + by[v];
        }
        Softmax.withTemperatureInPlace(p, 0, V, temperature);
    }
}
