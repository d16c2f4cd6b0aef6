package dev.charrnn.nn;

import dev.charrnn.nn.ModelConfig.Cell;

/**
 * Forward pass, loss and backpropagation through time of a {@link StackedRnn} over S steps of B streams, as PyTorch
 * computes {@code nn.LSTM / nn.GRU / nn.RNN} then {@code nn.Linear} and the cross-entropy:
 * <pre>
 *   XW = X Wihᵀ + bih          (all steps at once)        R x G*H, R = S*B, row r = t*B + b
 *   HW_t = h_{t-1} Whhᵀ + bhh   (one step at a time)      B x G*H
 *   h_t, c_t = cell(XW_t, HW_t, h_{t-1}, c_{t-1})          B x H
 *   X of layer l+1 = dropout(h of layer l);  Y = dropout(h of the top layer)
 *   logits = Y Woutᵀ + bout                                R x V
 *   loss = (1/B) Σ_r -log softmax(logits_r)[target_r]     summed over the sequence, averaged over the streams
 * </pre>
 * Every matrix product goes through {@link Matmul}, as {@code A·B} against transposed copies of W_ih, W_hh and
 * W_out taken once per forward pass (docs/decisions.md, "How the batched cells should call Matmul"): each layer runs
 * over all S steps before the next, its input product batched over the R rows, the one-hot first layer a gather of
 * rows of W_ihᵀ; backward, the gate gradients of all steps sit in one R x G*H array, so dW_ih, dW_hh and dW_out are
 * one product each and only dh_{t-1} = dgates_t W_hh stays in the time loop. Dropout is inverted (kept units scaled
 * by 1/(1-p)) with masks drawn from the run's RNG, layer by layer, row-major. With {@link Workers} the products are
 * split by output columns or rows and the element-wise maths by rows: every sum keeps its order, so the bits do not
 * depend on the thread count. Holds the buffers for one (model shape, B, S), so the training loop allocates nothing.
 * Not thread-safe.
 */
public final class StackedBptt {
    private final Cell cell;
    private final int L;
    private final int H;
    private final int V;
    private final int E;
    private final int GH;
    private final int B;
    private final int S;
    private final int R;
    /** X[l]: input of layer l, R x in_l; X[0] is null for one-hot input. */
    private final double[][] X;
    /** Per layer, R x G*H: the input projections, the recurrent projections and the activated gates. */
    private final double[][] XW;

    private final double[][] HW;
    private final double[][] A;
    /** Hs[l]: (S+1)*B x H, block 0 the initial state; Cs[l] likewise for an LSTM, TC[l] = tanh(c_t), R x H. */
    private final double[][] Hs;

    private final double[][] Cs;
    private final double[][] TC;
    /** mask[l]: R x H, 0 or 1/(1-p), on the output of layer l; null without dropout. */
    private final double[][] mask;
    /** Y: the top layer's output after dropout, R x H; P: probabilities, then dlogits, R x V. */
    private final double[] Y;

    private final double[] P;
    private final double[] hPrev;
    private final double[] hw;
    private final double[] dHWt;
    /** The gates' pre-activation gradients of all steps, R x G*H: dXW through the input projection (a GRU's own
     * array; for an LSTM and an RNN the same as dHW), dHW through the recurrent one. */
    private final double[] dXW;

    private final double[] dHW;
    private final double[] dH;
    private final double[] dIn;
    private final double[] dhNext;
    private final double[] dhNext2;
    private final double[] dcNext;
    private final int[] x;
    /** R ones, for the column sums. */
    private final double[] ones;

    private final int[] y;
    /** Per-row losses, summed in row order whatever the thread count. */
    private final double[] rowLoss;
    /** WihT[l]: in_l x G*H (layer 0 one-hot: V x G*H); WhhT[l]: H x G*H; WoutT: H x V. */
    private final double[][] WihT;

    private final double[][] WhhT;
    private final double[] WoutT;
    /** With {@code frozen}, the transposed copies were taken from {@code transposedFrom} and it is not modified. */
    private StackedRnn transposedFrom;

    private boolean frozen;
    private final Workers workers;
    private boolean dropped;

    public StackedBptt(StackedRnn shape, int batch, int seqLength) {
        this(shape, batch, seqLength, null);
    }

    /** As {@link #StackedBptt(StackedRnn, int, int)}, the work split over {@code workers} (null: this thread). */
    public StackedBptt(StackedRnn shape, int batch, int seqLength, Workers workers) {
        this.workers = workers;
        this.cell = shape.cell;
        this.L = shape.layers;
        this.H = shape.H;
        this.V = shape.V;
        this.E = shape.E;
        this.GH = cell.gates * H;
        this.B = batch;
        this.S = seqLength;
        long rows = (long) batch * seqLength;
        if (batch < 1 || seqLength < 1 || rows * Math.max(Math.max(V, GH), Math.max(E, H)) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "batch " + batch + " x seqLength " + seqLength + " does not fit " + shape.describe());
        }
        this.R = (int) rows;
        X = new double[L][];
        XW = new double[L][R * GH];
        HW = new double[L][R * GH];
        A = new double[L][R * GH];
        Hs = new double[L][(R + B) * H];
        Cs = cell == Cell.LSTM ? new double[L][(R + B) * H] : null;
        TC = cell == Cell.LSTM ? new double[L][R * H] : null;
        mask = new double[L][];
        for (int l = 0; l < L; l++) {
            X[l] = l == 0 && E == 0 ? null : new double[R * shape.inputSize(l)];
        }
        Y = new double[R * H];
        P = new double[R * V];
        hPrev = new double[B * H];
        hw = new double[B * GH];
        dHWt = new double[B * GH];
        dXW = cell == Cell.GRU ? new double[R * GH] : null;
        ones = new double[R];
        java.util.Arrays.fill(ones, 1);
        dHW = new double[R * GH];
        dH = new double[R * H];
        dIn = new double[R * Math.max(H, E)];
        dhNext = new double[B * H];
        dhNext2 = new double[B * H];
        dcNext = new double[B * H];
        x = new int[R];
        y = new int[R];
        rowLoss = new double[R];
        WihT = new double[L][];
        WhhT = new double[L][H * GH];
        for (int l = 0; l < L; l++) {
            WihT[l] = new double[shape.inputSize(l) * GH];
        }
        WoutT = new double[H * V];
    }

    /**
     * Promises that the model passed to every later call is {@code m}, unchanged: the transposed weights are then
     * taken once instead of at every forward pass (for one-character steps of inference).
     */
    void freezeWeights(StackedRnn m) {
        transpose(m);
        transposedFrom = m;
        frozen = true;
    }

    public int batch() {
        return B;
    }

    public int seqLength() {
        return S;
    }

    /**
     * Runs the model over {@code inputs} (R = S*B indices, row r = t*B + b) from {@code state}, which is advanced in
     * place to the state after the last step. With {@code dropout > 0} the masks are drawn from {@code rng}.
     * Afterwards {@link #probabilities()} holds softmax(logits), R x V.
     */
    public void forwardInPlace(StackedRnn m, int[] inputs, StackedState state, double dropout, Rng rng) {
        forwardInPlace(m, inputs, state, dropout, rng, 1.0);
    }

    /** {@link #forwardInPlace} with the logits divided by {@code temperature} before the softmax. */
    public void forwardInPlace(
            StackedRnn m, int[] inputs, StackedState state, double dropout, Rng rng, double temperature) {
        forwardLogits(m, inputs, state, dropout, rng);
        if (temperature != 1.0) {
            for (int k = 0; k < R * V; k++) {
                P[k] = P[k] / temperature;
            }
        }
        softmaxRows(null);
    }

    /**
     * {@link #forwardInPlace} then the loss against {@code targets} (R indices) and its gradient with respect to
     * every parameter, written to {@code grads} (overwritten). The state's gradient is not propagated into the
     * previous iteration (truncated BPTT: the carried state is detached).
     *
     * @return (1/B) Σ_r -log softmax(logits_r)[target_r]
     */
    public double lossAndGradientsInPlace(
            StackedRnn m, int[] inputs, int[] targets, StackedState state, double dropout, Rng rng, StackedRnn grads) {
        m.requireSameShape(grads);
        if (targets.length != R) {
            throw new IllegalArgumentException("targets have " + targets.length + " entries, S*B = " + R);
        }
        forwardLogits(m, inputs, state, dropout, rng);
        System.arraycopy(targets, 0, y, 0, R);
        double loss = softmaxRows(y) / B;
        backward(m, grads);
        return loss;
    }

    private void forwardLogits(StackedRnn m, int[] inputs, StackedState state, double dropout, Rng rng) {
        requireFits(m, inputs, state);
        if (!frozen || transposedFrom != m) {
            transpose(m);
        }
        System.arraycopy(inputs, 0, x, 0, R);
        dropped = dropout > 0;
        for (int l = 0; l < L; l++) {
            inputProjection(m, l);
            recurrence(m, l, state);
            double[] next = l + 1 < L ? X[l + 1] : Y;
            // X_{l+1} = dropout(h_l): kept units scaled by 1/(1-p)
            if (dropped) {
                if (mask[l] == null) {
                    mask[l] = new double[R * H];
                }
                double keep = 1.0 / (1.0 - dropout);
                for (int k = 0; k < R * H; k++) {
                    mask[l][k] = rng.nextDouble() < dropout ? 0.0 : keep;
                    next[k] = Hs[l][B * H + k] * mask[l][k];
                }
            } else {
                System.arraycopy(Hs[l], B * H, next, 0, R * H);
            }
        }
        // logits = Y Woutᵀ + bout
        double[] bout = m.bout();
        for (int r = 0; r < R; r++) {
            System.arraycopy(bout, 0, P, r * V, V);
        }
        Matmul.mulAddInPlace(P, Y, WoutT, R, H, V, workers);
    }

    /** WihT, WhhT, WoutT from m's weights. */
    private void transpose(StackedRnn m) {
        for (int l = 0; l < L; l++) {
            transpose(m.Wih(l), GH, m.inputSize(l), WihT[l]);
            transpose(m.Whh(l), GH, H, WhhT[l]);
        }
        transpose(m.Wout(), V, H, WoutT);
    }

    /** out[c][r] = a[r][c]; a is rows x cols. */
    private static void transpose(double[] a, int rows, int cols, double[] out) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = a[o + c];
            }
        }
    }

    /** body.run(r0, r1) over [0, rows) split by rows over the workers, or on this thread. */
    private void rows(int rows, RowRange body) {
        int parts = workers == null ? 1 : workers.threads();
        if (parts == 1 || rows < 2) {
            body.run(0, rows);
        } else {
            workers.run(i -> body.run(rows * i / parts, rows * (i + 1) / parts));
        }
    }

    private interface RowRange {
        void run(int r0, int r1);
    }

    /**
     * Replaces each row of P (logits) by its softmax; with targets, returns Σ_r -log softmax(z_r)[target_r] taken as
     * PyTorch's log_softmax takes it: log Σ exp(z - max) - (z_target - max).
     */
    private double softmaxRows(int[] targets) {
        rows(R, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                rowLoss[r] = softmaxRow(r, targets);
            }
        });
        double loss = 0.0;
        for (int r = 0; r < R; r++) {
            loss += rowLoss[r];
        }
        return loss;
    }

    private double softmaxRow(int r, int[] targets) {
        int o = r * V;
        double max = P[o];
        for (int v = 1; v < V; v++) {
            max = Math.max(max, P[o + v]);
        }
        double target = targets != null ? P[o + targets[r]] - max : 0.0;
        double sum = 0.0;
        for (int v = 0; v < V; v++) {
            double e = Math.exp(P[o + v] - max);
            P[o + v] = e;
            sum += e;
        }
        for (int v = 0; v < V; v++) {
            P[o + v] = P[o + v] / sum;
        }
        return Math.log(sum) - target;
    }

    /** XW = X Wihᵀ + bih for all R rows; the one-hot first layer gathers rows of WihT (exactly eye[x] Wihᵀ). */
    private void inputProjection(StackedRnn m, int l) {
        double[] wihT = WihT[l];
        double[] bih = m.bih(l);
        double[] xw = XW[l];
        for (int r = 0; r < R; r++) {
            System.arraycopy(bih, 0, xw, r * GH, GH);
        }
        if (l == 0 && E == 0) {
            rows(R, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int col = x[r] * GH;
                    int row = r * GH;
                    for (int j = 0; j < GH; j++) {
                        xw[row + j] += wihT[col + j];
                    }
                }
            });
            return;
        }
        if (l == 0) {
            double[] emb = m.embedding();
            for (int r = 0; r < R; r++) {
                System.arraycopy(emb, x[r] * E, X[0], r * E, E);
            }
        }
        Matmul.mulAddInPlace(xw, X[l], wihT, R, m.inputSize(l), GH, workers);
    }

    /** Steps layer l through t = 0..S-1 from state.h[l] (and c[l]), leaving the last step's in the state. */
    private void recurrence(StackedRnn m, int l, StackedState state) {
        double[] whhT = WhhT[l];
        double[] bhh = m.bhh(l);
        double[] hs = Hs[l];
        System.arraycopy(state.h[l], 0, hs, 0, B * H);
        if (cell == Cell.LSTM) {
            System.arraycopy(state.c[l], 0, Cs[l], 0, B * H);
        }
        // A stream's step needs only its own h_{t-1}: each thread takes a share of the streams through all S steps,
        // with no hand-off per step.
        rows(B, (b0, b1) -> {
            for (int t = 0; t < S; t++) {
                // HW_t = h_{t-1} Whhᵀ + bhh
                System.arraycopy(hs, t * B * H + b0 * H, hPrev, b0 * H, (b1 - b0) * H);
                for (int b = b0; b < b1; b++) {
                    System.arraycopy(bhh, 0, hw, b * GH, GH);
                }
                Matmul.mulAddRowsInPlace(hw, hPrev, whhT, B, H, GH, b0, b1);
                System.arraycopy(hw, b0 * GH, HW[l], t * B * GH + b0 * GH, (b1 - b0) * GH);
                for (int b = b0; b < b1; b++) {
                    int r = t * B + b;
                    switch (cell) {
                        case LSTM -> lstmForward(l, r, t * B * H + b * H);
                        case GRU -> gruForward(l, r, t * B * H + b * H);
                        case RNN -> rnnForward(l, r);
                    }
                }
            }
        });
        System.arraycopy(hs, R * H, state.h[l], 0, B * H);
        if (cell == Cell.LSTM) {
            System.arraycopy(Cs[l], R * H, state.c[l], 0, B * H);
        }
    }

    /**
     * i = σ(xw_i + hw_i), f = σ(xw_f + hw_f), g = tanh(xw_g + hw_g), o = σ(xw_o + hw_o);
     * c' = f ⊙ c + i ⊙ g; h' = o ⊙ tanh(c'). Row r of A[l] holds i f g o; prev is the offset of h_{t-1}, c_{t-1}.
     */
    private void lstmForward(int l, int r, int prev) {
        double[] xw = XW[l];
        double[] hwl = HW[l];
        double[] a = A[l];
        double[] cs = Cs[l];
        double[] hs = Hs[l];
        double[] tc = TC[l];
        int g0 = r * GH;
        int next = prev + B * H;
        for (int k = 0; k < H; k++) {
            double i = sigmoid(hwl[g0 + k] + xw[g0 + k]);
            double f = sigmoid(hwl[g0 + H + k] + xw[g0 + H + k]);
            double g = Math.tanh(hwl[g0 + 2 * H + k] + xw[g0 + 2 * H + k]);
            double o = sigmoid(hwl[g0 + 3 * H + k] + xw[g0 + 3 * H + k]);
            a[g0 + k] = i;
            a[g0 + H + k] = f;
            a[g0 + 2 * H + k] = g;
            a[g0 + 3 * H + k] = o;
            double c = f * cs[prev + k] + i * g;
            cs[next + k] = c;
            double tcv = Math.tanh(c);
            tc[r * H + k] = tcv;
            hs[next + k] = o * tcv;
        }
    }

    /**
     * r = σ(xw_r + hw_r), z = σ(xw_z + hw_z), n = tanh(xw_n + r ⊙ hw_n) (hw_n = W_hn h + b_hn);
     * h' = (h - n) ⊙ z + n, PyTorch's form of (1 - z) ⊙ n + z ⊙ h.
     */
    private void gruForward(int l, int row, int prev) {
        double[] xw = XW[l];
        double[] hwl = HW[l];
        double[] a = A[l];
        double[] hs = Hs[l];
        int g0 = row * GH;
        int next = prev + B * H;
        for (int k = 0; k < H; k++) {
            double r = sigmoid(hwl[g0 + k] + xw[g0 + k]);
            double z = sigmoid(hwl[g0 + H + k] + xw[g0 + H + k]);
            double n = Math.tanh(xw[g0 + 2 * H + k] + hwl[g0 + 2 * H + k] * r);
            a[g0 + k] = r;
            a[g0 + H + k] = z;
            a[g0 + 2 * H + k] = n;
            hs[next + k] = (hs[prev + k] - n) * z + n;
        }
    }

    /** h' = tanh(xw + hw). */
    private void rnnForward(int l, int r) {
        double[] xw = XW[l];
        double[] hwl = HW[l];
        double[] hs = Hs[l];
        int g0 = r * GH;
        int next = (r + B) * H;
        for (int k = 0; k < H; k++) {
            double h = Math.tanh(hwl[g0 + k] + xw[g0 + k]);
            A[l][g0 + k] = h;
            hs[next + k] = h;
        }
    }

    /** Backpropagation through the output layer, then layer by layer from the top, t from last to first. */
    private void backward(StackedRnn m, StackedRnn grads) {
        grads.fillZeroInPlace();
        // loss = (1/B) Σ_r -log softmax(logits_r)[y_r]  =>  dlogits = (P - onehot(y)) / B
        double scale = 1.0 / B;
        rows(R, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int o = r * V;
                P[o + y[r]] -= 1.0;
                for (int v = 0; v < V; v++) {
                    P[o + v] *= scale;
                }
            }
        });
        // logits = Y Woutᵀ + bout
        Matmul.mulAddTransAInPlace(grads.Wout(), P, Y, V, R, H, workers);
        columnSums(P, R, V, grads.bout());
        java.util.Arrays.fill(dIn, 0, R * H, 0.0);
        Matmul.mulAddInPlace(dIn, P, m.Wout(), R, V, H, workers);
        // Y = dropout(h_top)
        dropoutBackward(L - 1);
        for (int l = L - 1; l >= 0; l--) {
            recurrenceBackward(m, l);
            // HW_t = h_{t-1} Whhᵀ + bhh  (rows 0..R) of Hs are h_{-1} .. h_{S-2})
            Matmul.mulAddTransAInPlace(grads.Whh(l), dHW, Hs[l], GH, R, H, workers);
            columnSums(dHW, R, GH, grads.bhh(l));
            // XW = X Wihᵀ + bih
            double[] dXW = cell == Cell.GRU ? this.dXW : dHW;
            if (dXW == dHW) {
                System.arraycopy(grads.bhh(l), 0, grads.bih(l), 0, GH);
            } else {
                columnSums(dXW, R, GH, grads.bih(l));
            }
            double[] dWih = grads.Wih(l);
            if (l == 0 && E == 0) {
                // dWih[j][ix] sums dXW[r][j] over the rows r with x[r] = ix, in row order: split by j
                splitColumns(GH, (j0, j1) -> {
                    for (int r = 0; r < R; r++) {
                        int ix = x[r];
                        int o = r * GH;
                        for (int j = j0; j < j1; j++) {
                            dWih[j * V + ix] += dXW[o + j];
                        }
                    }
                });
                continue;
            }
            int in = m.inputSize(l);
            Matmul.mulAddTransAInPlace(dWih, dXW, X[l], GH, R, in, workers);
            java.util.Arrays.fill(dIn, 0, R * in, 0.0);
            Matmul.mulAddInPlace(dIn, dXW, m.Wih(l), R, GH, in, workers);
            if (l > 0) {
                // X_l = dropout(h_{l-1})
                dropoutBackward(l - 1);
            } else {
                // X_0 = E[x]
                double[] dE = grads.embedding();
                for (int r = 0; r < R; r++) {
                    int row = x[r] * E;
                    for (int e = 0; e < E; e++) {
                        dE[row + e] += dIn[r * E + e];
                    }
                }
            }
        }
    }

    /** dH = dIn ⊙ mask[l] (or dIn without dropout): the gradient reaching layer l's outputs h_t. */
    private void dropoutBackward(int l) {
        if (dropped) {
            for (int k = 0; k < R * H; k++) {
                dH[k] = dIn[k] * mask[l][k];
            }
        } else {
            System.arraycopy(dIn, 0, dH, 0, R * H);
        }
    }

    /**
     * From dH (the gradient on layer l's outputs) to dXW and dHW, t from S-1 down to 0, carrying dh (and dc) back
     * through HW_t = h_{t-1} Whhᵀ + bhh and the cell.
     */
    private void recurrenceBackward(StackedRnn m, int l) {
        double[] Whh = m.Whh(l);
        java.util.Arrays.fill(dcNext, 0.0);
        // As forward: each thread carries its share of the streams from t = S-1 down to 0.
        rows(B, (b0, b1) -> {
            double[] next = dhNext;
            double[] next2 = dhNext2;
            java.util.Arrays.fill(next, b0 * H, b1 * H, 0.0);
            for (int t = S - 1; t >= 0; t--) {
                java.util.Arrays.fill(next2, b0 * H, b1 * H, 0.0);
                for (int b = b0; b < b1; b++) {
                    int r = t * B + b;
                    switch (cell) {
                        case LSTM -> lstmBackward(l, r, t * B * H + b * H, b, next);
                        case GRU -> gruBackward(l, r, t * B * H + b * H, b, next, next2);
                        case RNN -> rnnBackward(l, r, b, next);
                    }
                }
                if (t > 0) {
                    // HW_t = h_{t-1} Whhᵀ + bhh  =>  dh_{t-1} += dHW_t Whh
                    System.arraycopy(dHW, t * B * GH + b0 * GH, dHWt, b0 * GH, (b1 - b0) * GH);
                    Matmul.mulAddRowsInPlace(next2, dHWt, Whh, B, GH, H, b0, b1);
                }
                double[] swap = next;
                next = next2;
                next2 = swap;
            }
        });
    }

    /**
     * c' = f ⊙ c + i ⊙ g; h' = o ⊙ tanh(c'), with dh = dH_t + dh from step t+1 and dc from step t+1.
     * Writes the gates' pre-activation gradients to dHW (dXW is the same: both projections add into the gates).
     * dhNext is the calling thread's buffer of dh from step t+1 (two buffers each thread swaps for its own streams, see
     * recurrenceBackward).
     */
    private void lstmBackward(int l, int r, int prev, int b, double[] dhNext) {
        double[] a = A[l];
        double[] cs = Cs[l];
        double[] tc = TC[l];
        int g0 = r * GH;
        for (int k = 0; k < H; k++) {
            int bk = b * H + k;
            double i = a[g0 + k];
            double f = a[g0 + H + k];
            double g = a[g0 + 2 * H + k];
            double o = a[g0 + 3 * H + k];
            double tcv = tc[r * H + k];
            double dh = dH[r * H + k] + dhNext[bk];
            // h' = o ⊙ tanh(c')
            double dout = dh * tcv;
            double dc = dcNext[bk] + dh * o * (1 - tcv * tcv);
            // c' = f ⊙ c + i ⊙ g
            double di = dc * g;
            double dg = dc * i;
            double df = dc * cs[prev + k];
            dcNext[bk] = dc * f;
            // i = σ(.), f = σ(.), g = tanh(.), o = σ(.)
            double dai = di * i * (1 - i);
            double daf = df * f * (1 - f);
            double dag = dg * (1 - g * g);
            double dao = dout * o * (1 - o);
            dHW[g0 + k] = dai;
            dHW[g0 + H + k] = daf;
            dHW[g0 + 2 * H + k] = dag;
            dHW[g0 + 3 * H + k] = dao;
        }
    }

    /**
     * h' = (h - n) ⊙ z + n; n = tanh(xw_n + r ⊙ hw_n); r = σ(xw_r + hw_r); z = σ(xw_z + hw_z).
     * dXW and dHW differ in the n block (hw_n sits inside r ⊙ (...)); the direct path h -> h' adds dh ⊙ z to
     * dh_{t-1}.
     */
    private void gruBackward(int l, int row, int prev, int b, double[] dhNext, double[] dhNext2) {
        double[] a = A[l];
        double[] hwl = HW[l];
        double[] hs = Hs[l];
        int g0 = row * GH;
        for (int k = 0; k < H; k++) {
            int bk = b * H + k;
            double r = a[g0 + k];
            double z = a[g0 + H + k];
            double n = a[g0 + 2 * H + k];
            double dh = dH[row * H + k] + dhNext[bk];
            // h' = (h - n) ⊙ z + n
            double dn = dh * (1 - z);
            double dz = dh * (hs[prev + k] - n);
            dhNext2[bk] += dh * z;
            // n = tanh(xw_n + r ⊙ hw_n)
            double dan = dn * (1 - n * n);
            double dr = dan * hwl[g0 + 2 * H + k];
            // r = σ(.), z = σ(.)
            double dar = dr * r * (1 - r);
            double daz = dz * z * (1 - z);
            dXW[g0 + k] = dar;
            dXW[g0 + H + k] = daz;
            dXW[g0 + 2 * H + k] = dan;
            dHW[g0 + k] = dar;
            dHW[g0 + H + k] = daz;
            dHW[g0 + 2 * H + k] = dan * r;
        }
    }

    /** h' = tanh(xw + hw). */
    private void rnnBackward(int l, int r, int b, double[] dhNext) {
        double[] a = A[l];
        int g0 = r * GH;
        for (int k = 0; k < H; k++) {
            double h = a[g0 + k];
            double da = (dH[r * H + k] + dhNext[b * H + k]) * (1 - h * h);
            dHW[g0 + k] = da;
        }
    }

    /**
     * out[c] = Σ_r a[r][c], r in order from 0.0, as the product onesᵀ a (1·x is exact: the same sums, on the
     * vectorised kernels). Shapes: a rows x cols, out cols.
     */
    private void columnSums(double[] a, int rows, int cols, double[] out) {
        java.util.Arrays.fill(out, 0, cols, 0.0);
        Matmul.mulAddTransAInPlace(out, ones, a, 1, rows, cols, workers);
    }

    /** body.run(c0, c1) over [0, cols) split into contiguous ranges of columns over the workers. */
    private void splitColumns(int cols, RowRange body) {
        rows(cols, body);
    }

    /** After a forward pass: softmax(logits), R x V (row r = t*B + b). Live buffer. */
    public double[] probabilities() {
        return P;
    }

    private static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }

    private void requireFits(StackedRnn m, int[] inputs, StackedState state) {
        if (m.cell != cell || m.layers != L || m.H != H || m.V != V || m.E != E) {
            throw new IllegalArgumentException("model " + m.describe() + " does not fit these buffers ("
                    + ModelConfig.name(cell) + " " + L + " x " + H + ", V=" + V + ", E=" + E + ")");
        }
        if (inputs.length != R) {
            throw new IllegalArgumentException(
                    "inputs have " + inputs.length + " entries, S*B = " + S + "*" + B + " = " + R);
        }
        state.requireFits(m, B);
    }
}
