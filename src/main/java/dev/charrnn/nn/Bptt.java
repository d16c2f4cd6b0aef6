package dev.charrnn.nn;

/**
 * Forward pass, loss and backpropagation through time over one sequence: the reference's {@code lossFun}.
 * Holds the scratch buffers for one (H, V, T) so the training loop allocates nothing.
 *
 * <p>Only {@code Whh h} (forward) and {@code Whh^T dhraw} (backward) are sequential in t; the output
 * products and all weight gradients are done once per sequence. Every product is summed in the reference BLAS's
 * order (sequentially over the reduced index, from 0.0) and gradient accumulations run t from last to first, as
 * numpy does, so each entry is rounded exactly as the reference rounds it; the speed comes only from how the
 * loops are laid out:
 * <ul>
 * <li>inner loops are axpy-shaped, {@code out[c] = out[c] + r0[c]*s0 + r1[c]*s1 + r2[c]*s2 + r3[c]*s3}, which the
 * JIT vectorises (a dot product it would not: that reorders the sum). Four terms per pass are added left to
 * right, exactly the order of four separate passes, but {@code out} is loaded and stored a quarter as often;</li>
 * <li>operands are separate row arrays indexed from 0, not offsets into one flat array: the JDK 17 JIT does not
 * vectorise a loop that stores to {@code a[off + c]} and vectorises poorly loads from several offsets of one
 * array. The weights are copied into rows (and transposed rows) once per sequence and the row-accumulated
 * gradients copied back, O(H^2 + VH) against the O(T (H^2 + VH)) work.</li>
 * </ul>
 */
public final class Bptt {
    private final int H;
    private final int V;
    private final int T;
    /** hs[t+1] = h_t; hs[0] is hprev (the reference's hs[-1]). */
    private final double[][] hs;
    /** ps[t] = p_t, then dy in the backward pass. */
    private final double[][] ps;
    /** dhs[t] = Why^T dy_t, then dhraw_t. */
    private final double[][] dhs;
    /** Rows of Whh, of Whh^T, of Why and of Why^T. */
    private final double[][] whh;

    private final double[][] whhT;
    private final double[][] why;
    private final double[][] whyT;
    /** Rows of dWhh and dWhy while they are accumulated. */
    private final double[][] dwhh;

    private final double[][] dwhy;
    private final double[] acc;
    /** The distinct input indices of the last sequence: the only columns of dWxh that can be non-zero. */
    private final int[] inputColumns;

    private final boolean[] seen;
    private int inputColumnCount;

    public Bptt(int hiddenSize, int vocabSize, int seqLength) {
        this.H = hiddenSize;
        this.V = vocabSize;
        this.T = seqLength;
        this.hs = new double[T + 1][H];
        this.ps = new double[T][V];
        this.dhs = new double[T][H];
        this.whh = new double[H][H];
        this.whhT = new double[H][H];
        this.why = new double[V][H];
        this.whyT = new double[H][V];
        this.dwhh = new double[H][H];
        this.dwhy = new double[V][H];
        this.acc = new double[H];
        this.inputColumns = new int[Math.min(T, V)];
        this.seen = new boolean[V];
    }

    /**
     * Loss of {@code inputs = data[p .. p+T)} predicting {@code targets = data[p+1 .. p+T+1)} from {@code hprev},
     * and its gradients. Shapes: model (H, V), grads (H, V) overwritten, hprev (H) read, hlast (H) receives
     * the last hidden state; data needs p+T+1 entries.
     *
     * @return the summed cross-entropy {@code sum_t -ln(p_t[target_t] + 1e-12)}
     */
    public double lossAndGradients(CharRnn model, int[] data, int p, double[] hprev, CharRnn grads, double[] hlast) {
        if (model.H != H || model.V != V) {
            throw new IllegalArgumentException(
                    "model (H=" + model.H + ", V=" + model.V + ") does not fit buffers (H=" + H + ", V=" + V + ")");
        }
        if (p < 0 || p + T + 1 > data.length) {
            throw new IllegalArgumentException(
                    "sequence [" + p + ", " + (p + T + 1) + ") outside data of length " + data.length);
        }
        model.requireSameShape(grads);
        final double[] Wxh = model.Wxh;
        final double[] bh = model.bh;
        final double[] by = model.by;
        toRows(model.Whh, H, H, whh, whhT);
        toRows(model.Why, V, H, why, whyT);
        System.arraycopy(hprev, 0, hs[0], 0, H);

        // hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t-1]) + bh)
        for (int t = 0; t < T; t++) {
            int ix = data[p + t];
            double[] h = hs[t + 1];
            matVec(whhT, H, hs[t], acc, H);
            for (int i = 0; i < H; i++) {
                h[i] = NumpyMath.tanh((Wxh[i * V + ix] + acc[i]) + bh[i]);
            }
        }
        // y = np.dot(Why, hs[t]) + by; ps[t] = softmax(y)   (all t at once)
        for (int t = 0; t < T; t++) {
            double[] y = ps[t];
            matVec(whyT, H, hs[t + 1], y, V);
            for (int v = 0; v < V; v++) {
                y[v] += by[v];
            }
            Softmax.inPlace(y, 0, V);
        }
        // loss += -np.log(ps[t][targets[t], 0] + 1e-12)
        double loss = 0.0;
        for (int t = 0; t < T; t++) {
            loss += -NumpyMath.log(ps[t][data[p + t + 1]] + 1e-12);
        }

        // dy = np.copy(ps[t]); dy[targets[t]] -= 1
        for (int t = 0; t < T; t++) {
            ps[t][data[p + t + 1]] -= 1.0;
        }
        final double[] dWxh = grads.Wxh;
        final double[] dbh = grads.bh;
        final double[] dby = grads.by;
        java.util.Arrays.fill(dWxh, 0.0);
        // dWhy += np.dot(dy, hs[t].T); dby += dy   (t from last to first)
        for (int v = 0; v < V; v++) {
            double b = 0.0;
            for (int t = T - 1; t >= 0; t--) {
                b += ps[t][v];
            }
            dby[v] = b;
        }
        outerSumDescending(ps, hs, 1, dwhy, V, H);
        // np.dot(Why.T, dy) for every t at once: the part of dh that does not depend on dhnext
        for (int t = 0; t < T; t++) {
            matVec(why, V, ps[t], dhs[t], H);
        }
        // dh = np.dot(Why.T, dy) + dhnext; dhraw = (1 - hs[t] * hs[t]) * dh; dhnext = np.dot(Whh.T, dhraw)
        double[] dhnext = acc;
        java.util.Arrays.fill(dhnext, 0.0);
        for (int t = T - 1; t >= 0; t--) {
            double[] h = hs[t + 1];
            double[] d = dhs[t];
            for (int i = 0; i < H; i++) {
                d[i] = (1 - h[i] * h[i]) * (d[i] + dhnext[i]);
            }
            if (t > 0) {
                matVec(whh, H, d, dhnext, H);
            }
        }
        // dbh += dhraw; dWxh += np.dot(dhraw, xs[t].T)   (t from last to first)
        for (int i = 0; i < H; i++) {
            double b = 0.0;
            for (int t = T - 1; t >= 0; t--) {
                double d = dhs[t][i];
                b += d;
                dWxh[i * V + data[p + t]] += d;
            }
            dbh[i] = b;
        }
        // dWhh += np.dot(dhraw, hs[t-1].T)   (t from last to first)
        outerSumDescending(dhs, hs, 0, dwhh, H, H);
        fromRows(dwhh, H, H, grads.Whh);
        fromRows(dwhy, V, H, grads.Why);
        System.arraycopy(hs[T], 0, hlast, 0, H);
        inputColumnCount = 0;
        for (int t = 0; t < T; t++) {
            int ix = data[p + t];
            if (!seen[ix]) {
                seen[ix] = true;
                inputColumns[inputColumnCount++] = ix;
            }
        }
        for (int k = 0; k < inputColumnCount; k++) {
            seen[inputColumns[k]] = false;
        }
        return loss;
    }

    /** Distinct input indices of the last {@link #lossAndGradients} call, in [0, {@link #inputColumnCount()}). */
    int[] inputColumns() {
        return inputColumns;
    }

    int inputColumnCount() {
        return inputColumnCount;
    }

    /**
     * {@code out[c] = sum_r a[r][c] * x[r]} for c < n, summed over r = 0, 1, ... in order from 0.0: a matrix-vector
     * product taken a row of {@code a} at a time, each output summed in the order of the reference BLAS's dot.
     */
    private static void matVec(double[][] a, int rows, double[] x, double[] out, int n) {
        java.util.Arrays.fill(out, 0, n, 0.0);
        int r = 0;
        for (; r + 3 < rows; r += 4) {
            axpy4(out, a[r], x[r], a[r + 1], x[r + 1], a[r + 2], x[r + 2], a[r + 3], x[r + 3], n);
        }
        for (; r < rows; r++) {
            axpy1(out, a[r], x[r], n);
        }
    }

    /**
     * {@code g[i][j] = sum_t d[t][i] * h[t + shift][j]} for t from T-1 down to 0, the reference's order for the
     * weight gradients ({@code dW += np.dot(d_t, h_t.T)} in its backward loop), from 0.0. Two rows of g at a time
     * share each load of h (at H = 512: 0.35 ms a sequence against 0.54 ms a row at a time; three or four rows
     * at a time leave the loop scalar).
     */
    private void outerSumDescending(double[][] d, double[][] h, int shift, double[][] g, int rows, int n) {
        int i = 0;
        for (; i + 1 < rows; i += 2) {
            double[] g0 = g[i];
            double[] g1 = g[i + 1];
            java.util.Arrays.fill(g0, 0.0);
            java.util.Arrays.fill(g1, 0.0);
            int t = T - 1;
            for (; t >= 3; t -= 4) {
                double[] d0 = d[t];
                double[] d1 = d[t - 1];
                double[] d2 = d[t - 2];
                double[] d3 = d[t - 3];
                axpy4Twice(
                        g0,
                        g1,
                        h[t + shift],
                        h[t - 1 + shift],
                        h[t - 2 + shift],
                        h[t - 3 + shift],
                        d0[i],
                        d1[i],
                        d2[i],
                        d3[i],
                        d0[i + 1],
                        d1[i + 1],
                        d2[i + 1],
                        d3[i + 1],
                        n);
            }
            for (; t >= 0; t--) {
                axpy1(g0, h[t + shift], d[t][i], n);
                axpy1(g1, h[t + shift], d[t][i + 1], n);
            }
        }
        for (; i < rows; i++) {
            double[] row = g[i];
            java.util.Arrays.fill(row, 0.0);
            for (int t = T - 1; t >= 0; t--) {
                axpy1(row, h[t + shift], d[t][i], n);
            }
        }
    }

    /** As {@link #axpy4} into two outputs at once: o0 += r0*a0 ... + r3*a3 and o1 += r0*b0 ... + r3*b3. */
    private static void axpy4Twice(
            double[] o0,
            double[] o1,
            double[] r0,
            double[] r1,
            double[] r2,
            double[] r3,
            double a0,
            double a1,
            double a2,
            double a3,
            double b0,
            double b1,
            double b2,
            double b3,
            int n) {
        for (int c = 0; c < n; c++) {
            double h0 = r0[c];
            double h1 = r1[c];
            double h2 = r2[c];
            double h3 = r3[c];
            o0[c] = o0[c] + h0 * a0 + h1 * a1 + h2 * a2 + h3 * a3;
            o1[c] = o1[c] + h0 * b0 + h1 * b1 + h2 * b2 + h3 * b3;
        }
    }

    /** out += r0*s0, then += r1*s1, += r2*s2, += r3*s3, element by element in that order. */
    private static void axpy4(
            double[] out,
            double[] r0,
            double s0,
            double[] r1,
            double s1,
            double[] r2,
            double s2,
            double[] r3,
            double s3,
            int n) {
        for (int c = 0; c < n; c++) {
            out[c] = out[c] + r0[c] * s0 + r1[c] * s1 + r2[c] * s2 + r3[c] * s3;
        }
    }

    private static void axpy1(double[] out, double[] r0, double s0, int n) {
        for (int c = 0; c < n; c++) {
            out[c] += r0[c] * s0;
        }
    }

    /** Side of the tiles the transpose is copied in: 16 x 16 doubles read 16 cache lines and write 16. */
    private static final int TILE = 16;

    /**
     * Splits a flat row-major rows x cols matrix into its rows and the rows of its transpose. The transpose goes
     * tile by tile: column by column over the whole matrix it reads a new cache line per element, and at H = 512
     * that alone took a sixth of an iteration (0.7 ms against 0.2 ms tiled).
     */
    private static void toRows(double[] a, int rows, int cols, double[][] out, double[][] outT) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a, r * cols, out[r], 0, cols);
        }
        for (int r0 = 0; r0 < rows; r0 += TILE) {
            int r1 = Math.min(rows, r0 + TILE);
            for (int c0 = 0; c0 < cols; c0 += TILE) {
                int c1 = Math.min(cols, c0 + TILE);
                for (int c = c0; c < c1; c++) {
                    double[] col = outT[c];
                    for (int r = r0; r < r1; r++) {
                        col[r] = a[r * cols + c];
                    }
                }
            }
        }
    }

    private static void fromRows(double[][] rows, int n, int cols, double[] out) {
        for (int r = 0; r < n; r++) {
            System.arraycopy(rows[r], 0, out, r * cols, cols);
        }
    }
}
