package dev.charrnn.nn;

/**
 * Forward pass, loss and backpropagation through time over one sequence: the reference's {@code lossFun}.
 * Holds the scratch buffers for one (H, V, T) so the training loop allocates nothing.
 *
 * <p>Only {@code Whh h} (forward) and {@code Whh^T dhraw} (backward) are sequential in t; the output
 * products and all weight gradients are done once per sequence. Inner loops are axpy-shaped
 * ({@code out[0..n) += a * x[0..n)}) so the JIT vectorises them. Gradient accumulations run t from last to
 * first, the reference's order, so each gradient entry is summed in the same order as numpy does.
 */
public final class Bptt {
    private final int H;
    private final int V;
    private final int T;
    /** hs[(t+1)*H + i] = h_t[i]; row 0 is hprev (the reference's hs[-1]). */
    private final double[] hs;
    /** ps[t*V + v] = p_t[v], then dy in the backward pass. */
    private final double[] ps;
    /** dhs[t*H + i] = (Why^T dy_t)[i], then dhraw_t. */
    private final double[] dhs;
    private final double[] WhhT;
    private final double[] WhyT;
    private final double[] acc;

    public Bptt(int hiddenSize, int vocabSize, int seqLength) {
        this.H = hiddenSize;
        this.V = vocabSize;
        this.T = seqLength;
        this.hs = new double[(T + 1) * H];
        this.ps = new double[T * V];
        this.dhs = new double[T * H];
        this.WhhT = new double[H * H];
        this.WhyT = new double[H * V];
        this.acc = new double[Math.max(H, V)];
    }

    /**
     * Loss of {@code inputs = data[p .. p+T)} predicting {@code targets = data[p+1 .. p+T+1)} from {@code hprev},
     * and its gradients. Shapes: model (H, V), grads (H, V) overwritten, hprev (H) read, hlast (H) receives
     * the last hidden state; data needs p+T+1 entries.
     *
     * @return the summed cross-entropy {@code sum_t -ln(p_t[target_t] + 1e-12)}
     */
    public double lossAndGradients(CharRnn model, int[] data, int p, double[] hprev, CharRnn grads,
            double[] hlast) {
        if (model.H != H || model.V != V) {
            throw new IllegalArgumentException("model (H=" + model.H + ", V=" + model.V + ") does not fit buffers (H="
                    + H + ", V=" + V + ")");
        }
        if (p < 0 || p + T + 1 > data.length) {
            throw new IllegalArgumentException("sequence [" + p + ", " + (p + T + 1) + ") outside data of length "
                    + data.length);
        }
        model.requireSameShape(grads);
        final double[] Wxh = model.Wxh;
        final double[] Whh = model.Whh;
        final double[] Why = model.Why;
        final double[] bh = model.bh;
        final double[] by = model.by;
        transpose(Whh, H, H, WhhT);
        transpose(Why, V, H, WhyT);
        System.arraycopy(hprev, 0, hs, 0, H);

        // hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t-1]) + bh)
        for (int t = 0; t < T; t++) {
            int ix = data[p + t];
            int prev = t * H;
            int cur = prev + H;
            java.util.Arrays.fill(acc, 0, H, 0.0);
            for (int j = 0; j < H; j++) {
                double hj = hs[prev + j];
                int row = j * H;
                for (int i = 0; i < H; i++) {
                    acc[i] += WhhT[row + i] * hj;
                }
            }
            for (int i = 0; i < H; i++) {
                hs[cur + i] = Math.tanh((Wxh[i * V + ix] + acc[i]) + bh[i]);
            }
        }
        // y = np.dot(Why, hs[t]) + by; ps[t] = softmax(y)   (all t at once)
        java.util.Arrays.fill(ps, 0.0);
        for (int t = 0; t < T; t++) {
            int hOff = (t + 1) * H;
            int pOff = t * V;
            for (int j = 0; j < H; j++) {
                double hj = hs[hOff + j];
                int row = j * V;
                for (int v = 0; v < V; v++) {
                    ps[pOff + v] += WhyT[row + v] * hj;
                }
            }
            for (int v = 0; v < V; v++) {
                ps[pOff + v] += by[v];
            }
            Softmax.inPlace(ps, pOff, V);
        }
        // loss += -np.log(ps[t][targets[t], 0] + 1e-12)
        double loss = 0.0;
        for (int t = 0; t < T; t++) {
            loss += -Math.log(ps[t * V + data[p + t + 1]] + 1e-12);
        }

        // dy = np.copy(ps[t]); dy[targets[t]] -= 1
        for (int t = 0; t < T; t++) {
            ps[t * V + data[p + t + 1]] -= 1.0;
        }
        grads.fillZeroInPlace();
        final double[] dWxh = grads.Wxh;
        final double[] dWhh = grads.Whh;
        final double[] dWhy = grads.Why;
        final double[] dbh = grads.bh;
        final double[] dby = grads.by;
        // dWhy += np.dot(dy, hs[t].T); dby += dy   (t from last to first)
        for (int v = 0; v < V; v++) {
            int row = v * H;
            double b = 0.0;
            for (int t = T - 1; t >= 0; t--) {
                double d = ps[t * V + v];
                int hOff = (t + 1) * H;
                for (int j = 0; j < H; j++) {
                    dWhy[row + j] += d * hs[hOff + j];
                }
                b += d;
            }
            dby[v] = b;
        }
        // np.dot(Why.T, dy) for every t at once: the part of dh that does not depend on dhnext
        java.util.Arrays.fill(dhs, 0.0);
        for (int t = 0; t < T; t++) {
            int dOff = t * H;
            int pOff = t * V;
            for (int v = 0; v < V; v++) {
                double d = ps[pOff + v];
                int row = v * H;
                for (int i = 0; i < H; i++) {
                    dhs[dOff + i] += Why[row + i] * d;
                }
            }
        }
        // dh = np.dot(Why.T, dy) + dhnext; dhraw = (1 - hs[t] * hs[t]) * dh; dhnext = np.dot(Whh.T, dhraw)
        double[] dhnext = acc;
        java.util.Arrays.fill(dhnext, 0, H, 0.0);
        for (int t = T - 1; t >= 0; t--) {
            int dOff = t * H;
            int hOff = (t + 1) * H;
            for (int i = 0; i < H; i++) {
                double h = hs[hOff + i];
                dhs[dOff + i] = (1 - h * h) * (dhs[dOff + i] + dhnext[i]);
            }
            if (t > 0) {
                java.util.Arrays.fill(dhnext, 0, H, 0.0);
                for (int i = 0; i < H; i++) {
                    double d = dhs[dOff + i];
                    int row = i * H;
                    for (int j = 0; j < H; j++) {
                        dhnext[j] += Whh[row + j] * d;
                    }
                }
            }
        }
        // dbh += dhraw; dWxh += np.dot(dhraw, xs[t].T); dWhh += np.dot(dhraw, hs[t-1].T)   (t from last to first)
        for (int i = 0; i < H; i++) {
            int row = i * H;
            double b = 0.0;
            for (int t = T - 1; t >= 0; t--) {
                double d = dhs[t * H + i];
                int hOff = t * H;
                for (int j = 0; j < H; j++) {
                    dWhh[row + j] += d * hs[hOff + j];
                }
                b += d;
                dWxh[i * V + data[p + t]] += d;
            }
            dbh[i] = b;
        }
        System.arraycopy(hs, T * H, hlast, 0, H);
        return loss;
    }

    private static void transpose(double[] a, int rows, int cols, double[] out) {
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = a[row + c];
            }
        }
    }
}
