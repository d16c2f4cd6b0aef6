package dev.charrnn.nn;

import dev.charrnn.nn.ModelConfig.Cell;

/**
 * {@link StackedBptt} in float32 ({@link ModelConfig.Precision#FLOAT32}): the same equations, products, orders and
 * split over {@link Workers}, on float arrays (docs/decisions.md, "Float32 and threads for the stacked models").
 * The products and the cells' maths are float (σ and tanh from {@link FloatMath}, on the Vector API's lanes when the
 * JVM has it, {@link Cells}); the softmax's exponentials, sums and the loss are double. The carried state arrives and
 * leaves as doubles holding floats. Training only: inference runs {@link StackedBptt} on the widened weights.
 * Holds the buffers for one (model shape, B, S). Not thread-safe.
 */
final class FloatStackedBptt {
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
    private final float[][] X;
    /** Per layer, R x G*H: the input projections, the recurrent projections and the activated gates. */
    private final float[][] XW;

    private final float[][] HW;
    private final float[][] A;
    /** Hs[l]: (S+1)*B x H, block 0 the initial state; Cs[l] likewise for an LSTM, TC[l] = tanh(c_t), R x H. */
    private final float[][] Hs;

    private final float[][] Cs;
    private final float[][] TC;
    /** mask[l]: R x H, 0 or 1/(1-p), on the output of layer l; null without dropout. */
    private final float[][] mask;
    /** Y: the top layer's output after dropout, R x H; P: probabilities, then dlogits, R x V. */
    private final float[] Y;

    private final float[] P;
    private final float[] hPrev;
    private final float[] hw;
    private final float[] dHWt;
    /** The gates' pre-activation gradients of all steps, R x G*H: dXW through the input projection (a GRU's own
     * array; for an LSTM and an RNN the same as dHW), dHW through the recurrent one. */
    private final float[] dXW;

    private final float[] dHW;
    private final float[] dH;
    private final float[] dIn;
    private final float[] dhNext;
    private final float[] dhNext2;
    private final float[] dcNext;
    private final int[] x;
    /** R ones, for the column sums. */
    private final float[] ones;

    private final int[] y;
    /** Per-row losses, summed in row order whatever the thread count. */
    private final double[] rowLoss;
    /** WihT[l]: in_l x G*H (layer 0 one-hot: V x G*H); WhhT[l]: H x G*H; WoutT: H x V. */
    private final float[][] WihT;

    private final float[][] WhhT;
    private final float[] WoutT;
    private final Workers workers;
    private final Cells cells;
    private boolean dropped;

    FloatStackedBptt(StackedRnn shape, int batch, int seqLength, Workers workers) {
        this(shape, batch, seqLength, workers, CELLS);
    }

    /** With {@code cells} null, the scalar loops whatever the JVM has (the same bits). */
    FloatStackedBptt(StackedRnn shape, int batch, int seqLength, Workers workers, Cells cells) {
        this.cells = cells;
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
        X = new float[L][];
        XW = new float[L][R * GH];
        HW = new float[L][R * GH];
        A = new float[L][R * GH];
        Hs = new float[L][(R + B) * H];
        Cs = cell == Cell.LSTM ? new float[L][(R + B) * H] : null;
        TC = cell == Cell.LSTM ? new float[L][R * H] : null;
        mask = new float[L][];
        for (int l = 0; l < L; l++) {
            X[l] = l == 0 && E == 0 ? null : new float[R * shape.inputSize(l)];
        }
        Y = new float[R * H];
        P = new float[R * V];
        hPrev = new float[B * H];
        hw = new float[B * GH];
        dHWt = new float[B * GH];
        dXW = cell == Cell.GRU ? new float[R * GH] : null;
        ones = new float[R];
        java.util.Arrays.fill(ones, 1);
        dHW = new float[R * GH];
        dH = new float[R * H];
        dIn = new float[R * Math.max(H, E)];
        dhNext = new float[B * H];
        dhNext2 = new float[B * H];
        dcNext = new float[B * H];
        x = new int[R];
        y = new int[R];
        rowLoss = new double[R];
        WihT = new float[L][];
        WhhT = new float[L][H * GH];
        for (int l = 0; l < L; l++) {
            WihT[l] = new float[shape.inputSize(l) * GH];
        }
        WoutT = new float[H * V];
    }

    /**
     * The forward pass, then the loss against {@code targets} (R indices) and its gradient with respect to
     * every parameter, written to {@code grads} (overwritten). The state's gradient is not propagated into the
     * previous iteration (truncated BPTT: the carried state is detached).
     *
     * @return (1/B) Σ_r -log softmax(logits_r)[target_r]
     */
    double lossAndGradientsInPlace(
            FloatStackedRnn m,
            int[] inputs,
            int[] targets,
            StackedState state,
            double dropout,
            Rng rng,
            FloatStackedRnn grads) {
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

    private void forwardLogits(FloatStackedRnn m, int[] inputs, StackedState state, double dropout, Rng rng) {
        requireFits(m, inputs, state);
        transpose(m);
        System.arraycopy(inputs, 0, x, 0, R);
        dropped = dropout > 0;
        for (int l = 0; l < L; l++) {
            inputProjection(m, l);
            recurrence(m, l, state);
            float[] next = l + 1 < L ? X[l + 1] : Y;
            // X_{l+1} = dropout(h_l): kept units scaled by 1/(1-p)
            if (dropped) {
                if (mask[l] == null) {
                    mask[l] = new float[R * H];
                }
                float keep = (float) (1.0 / (1.0 - dropout));
                for (int k = 0; k < R * H; k++) {
                    mask[l][k] = rng.nextDouble() < dropout ? 0f : keep;
                    next[k] = Hs[l][B * H + k] * mask[l][k];
                }
            } else {
                float[] hs = Hs[l];
                rows(R, (r0, r1) -> System.arraycopy(hs, (B + r0) * H, next, r0 * H, (r1 - r0) * H));
            }
        }
        // logits = Y Woutᵀ + bout
        float[] bout = m.bout();
        rows(R, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                System.arraycopy(bout, 0, P, r * V, V);
            }
        });
        Matmul.mulAddInPlace(P, Y, WoutT, R, H, V, workers);
    }

    /**
     * WihT, WhhT, WoutT from m's weights, each thread its share of every matrix's rows: on one thread this was
     * about a twentieth of a 2 x 128 LSTM's two-thread iteration, the other thread idle.
     */
    private void transpose(FloatStackedRnn m) {
        int parts = parts();
        eachPart(i -> {
            for (int l = 0; l < L; l++) {
                transposeRows(m.Wih(l), GH, m.inputSize(l), WihT[l], GH * i / parts, GH * (i + 1) / parts);
                transposeRows(m.Whh(l), GH, H, WhhT[l], GH * i / parts, GH * (i + 1) / parts);
            }
            transposeRows(m.Wout(), V, H, WoutT, V * i / parts, V * (i + 1) / parts);
        });
    }

    /**
     * out[c][r] = a[r][c] for r in [r0, r1); a is rows x cols. In 16 x 16 tiles, so that each cache line of out
     * written along a column is filled while it is still in L1.
     */
    private static void transposeRows(float[] a, int rows, int cols, float[] out, int r0, int r1) {
        for (int rt = r0; rt < r1; rt += TILE) {
            int re = Math.min(r1, rt + TILE);
            for (int ct = 0; ct < cols; ct += TILE) {
                int ce = Math.min(cols, ct + TILE);
                for (int r = rt; r < re; r++) {
                    int o = r * cols;
                    for (int c = ct; c < ce; c++) {
                        out[c * rows + r] = a[o + c];
                    }
                }
            }
        }
    }

    private static final int TILE = 16;

    /** How many parts a split job has: the workers' threads, or 1 on this thread alone. */
    private int parts() {
        return workers == null ? 1 : workers.threads();
    }

    /** part.accept(i) for every i in [0, parts()) at once, or part.accept(0) on this thread when there is one. */
    private void eachPart(java.util.function.IntConsumer part) {
        if (parts() == 1) {
            part.accept(0);
        } else {
            workers.run(part);
        }
    }

    /** body.run(r0, r1) over [0, rows) split by rows over the workers, or on this thread. */
    private void rows(int rows, RowRange body) {
        int parts = parts();
        if (rows < 2) {
            body.run(0, rows);
        } else {
            eachPart(i -> body.run(rows * i / parts, rows * (i + 1) / parts));
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
            double[] e = new double[V];
            for (int r = r0; r < r1; r++) {
                rowLoss[r] = softmaxRow(r, targets, e);
            }
        });
        double loss = 0.0;
        for (int r = 0; r < R; r++) {
            loss += rowLoss[r];
        }
        return loss;
    }

    /** Row r of P from logits to probabilities; the exponentials, their sum and the loss in double (e: scratch). */
    private double softmaxRow(int r, int[] targets, double[] e) {
        int o = r * V;
        float max = P[o];
        for (int v = 1; v < V; v++) {
            max = Math.max(max, P[o + v]);
        }
        double target = targets != null ? (double) P[o + targets[r]] - max : 0.0;
        double sum = 0.0;
        for (int v = 0; v < V; v++) {
            e[v] = Math.exp((double) P[o + v] - max);
            sum += e[v];
        }
        for (int v = 0; v < V; v++) {
            P[o + v] = (float) (e[v] / sum);
        }
        return Math.log(sum) - target;
    }

    /** XW = X Wihᵀ + bih for all R rows; the one-hot first layer gathers rows of WihT (exactly eye[x] Wihᵀ). */
    private void inputProjection(FloatStackedRnn m, int l) {
        float[] wihT = WihT[l];
        float[] bih = m.bih(l);
        float[] xw = XW[l];
        boolean oneHot = l == 0 && E == 0;
        float[] emb = l == 0 && E > 0 ? m.embedding() : null;
        // a pass over R x G*H floats: split like the products, it is not left to the calling thread alone
        rows(R, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                System.arraycopy(bih, 0, xw, r * GH, GH);
            }
            if (oneHot) {
                for (int r = r0; r < r1; r++) {
                    int col = x[r] * GH;
                    int row = r * GH;
                    for (int j = 0; j < GH; j++) {
                        xw[row + j] += wihT[col + j];
                    }
                }
            } else if (emb != null) {
                for (int r = r0; r < r1; r++) {
                    System.arraycopy(emb, x[r] * E, X[0], r * E, E);
                }
            }
        });
        if (!oneHot) {
            Matmul.mulAddInPlace(xw, X[l], wihT, R, m.inputSize(l), GH, workers);
        }
    }

    /** Steps layer l through t = 0..S-1 from state.h[l] (and c[l]), leaving the last step's in the state. */
    private void recurrence(FloatStackedRnn m, int l, StackedState state) {
        float[] whhT = WhhT[l];
        float[] bhh = m.bhh(l);
        float[] hs = Hs[l];
        narrow(state.h[l], hs, 0);
        if (cell == Cell.LSTM) {
            narrow(state.c[l], Cs[l], 0);
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
        widen(hs, R * H, state.h[l]);
        if (cell == Cell.LSTM) {
            widen(Cs[l], R * H, state.c[l]);
        }
    }

    /**
     * i = σ(xw_i + hw_i), f = σ(xw_f + hw_f), g = tanh(xw_g + hw_g), o = σ(xw_o + hw_o);
     * c' = f ⊙ c + i ⊙ g; h' = o ⊙ tanh(c'). Row r of A[l] holds i f g o; prev is the offset of h_{t-1}, c_{t-1}.
     */
    private void lstmForward(int l, int r, int prev) {
        float[] xw = XW[l];
        float[] hwl = HW[l];
        float[] a = A[l];
        float[] cs = Cs[l];
        float[] hs = Hs[l];
        float[] tc = TC[l];
        int g0 = r * GH;
        int next = prev + B * H;
        int k0 = cells != null ? cells.lstmForward(xw, hwl, g0, a, cs, prev, next, tc, r * H, hs, H) : 0;
        for (int k = k0; k < H; k++) {
            float i = sigmoid(hwl[g0 + k] + xw[g0 + k]);
            float f = sigmoid(hwl[g0 + H + k] + xw[g0 + H + k]);
            float g = tanh(hwl[g0 + 2 * H + k] + xw[g0 + 2 * H + k]);
            float o = sigmoid(hwl[g0 + 3 * H + k] + xw[g0 + 3 * H + k]);
            a[g0 + k] = i;
            a[g0 + H + k] = f;
            a[g0 + 2 * H + k] = g;
            a[g0 + 3 * H + k] = o;
            float c = f * cs[prev + k] + i * g;
            cs[next + k] = c;
            float tcv = tanh(c);
            tc[r * H + k] = tcv;
            hs[next + k] = o * tcv;
        }
    }

    /**
     * r = σ(xw_r + hw_r), z = σ(xw_z + hw_z), n = tanh(xw_n + r ⊙ hw_n) (hw_n = W_hn h + b_hn);
     * h' = (h - n) ⊙ z + n, PyTorch's form of (1 - z) ⊙ n + z ⊙ h.
     */
    private void gruForward(int l, int row, int prev) {
        float[] xw = XW[l];
        float[] hwl = HW[l];
        float[] a = A[l];
        float[] hs = Hs[l];
        int g0 = row * GH;
        int next = prev + B * H;
        int k0 = cells != null ? cells.gruForward(xw, hwl, g0, a, hs, prev, next, H) : 0;
        for (int k = k0; k < H; k++) {
            float r = sigmoid(hwl[g0 + k] + xw[g0 + k]);
            float z = sigmoid(hwl[g0 + H + k] + xw[g0 + H + k]);
            float n = tanh(xw[g0 + 2 * H + k] + hwl[g0 + 2 * H + k] * r);
            a[g0 + k] = r;
            a[g0 + H + k] = z;
            a[g0 + 2 * H + k] = n;
            hs[next + k] = (hs[prev + k] - n) * z + n;
        }
    }

    /** h' = tanh(xw + hw). */
    private void rnnForward(int l, int r) {
        float[] xw = XW[l];
        float[] hwl = HW[l];
        float[] hs = Hs[l];
        int g0 = r * GH;
        int next = (r + B) * H;
        int k0 = cells != null ? cells.rnnForward(xw, hwl, g0, A[l], hs, next, H) : 0;
        for (int k = k0; k < H; k++) {
            float h = tanh(hwl[g0 + k] + xw[g0 + k]);
            A[l][g0 + k] = h;
            hs[next + k] = h;
        }
    }

    /** Backpropagation through the output layer, then layer by layer from the top, t from last to first. */
    private void backward(FloatStackedRnn m, FloatStackedRnn grads) {
        grads.fillZeroInPlace();
        // loss = (1/B) Σ_r -log softmax(logits_r)[y_r]  =>  dlogits = (P - onehot(y)) / B
        float scale = (float) (1.0 / B);
        rows(R, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int o = r * V;
                P[o + y[r]] -= 1.0f;
                for (int v = 0; v < V; v++) {
                    P[o + v] *= scale;
                }
            }
        });
        // logits = Y Woutᵀ + bout
        Matmul.mulAddTransAInPlace(grads.Wout(), P, Y, V, R, H, workers);
        columnSums(P, R, V, grads.bout());
        zeroRows(dIn, H);
        Matmul.mulAddInPlace(dIn, P, m.Wout(), R, V, H, workers);
        // Y = dropout(h_top)
        dropoutBackward(L - 1);
        for (int l = L - 1; l >= 0; l--) {
            recurrenceBackward(m, l);
            // HW_t = h_{t-1} Whhᵀ + bhh  (rows 0..R) of Hs are h_{-1} .. h_{S-2})
            Matmul.mulAddTransAInPlace(grads.Whh(l), dHW, Hs[l], GH, R, H, workers);
            columnSums(dHW, R, GH, grads.bhh(l));
            // XW = X Wihᵀ + bih
            float[] dXW = cell == Cell.GRU ? this.dXW : dHW;
            if (dXW == dHW) {
                System.arraycopy(grads.bhh(l), 0, grads.bih(l), 0, GH);
            } else {
                columnSums(dXW, R, GH, grads.bih(l));
            }
            float[] dWih = grads.Wih(l);
            if (l == 0 && E == 0) {
                // dWih[j][ix] sums dXW[r][j] over the rows r with x[r] = ix, in row order: split by j, summed along
                // contiguous rows of WihT[0] (free until the next forward pass), then transposed into dWih
                float[] sums = WihT[0];
                splitColumns(GH, (j0, j1) -> {
                    for (int ix = 0; ix < V; ix++) {
                        java.util.Arrays.fill(sums, ix * GH + j0, ix * GH + j1, 0f);
                    }
                    for (int r = 0; r < R; r++) {
                        int o = r * GH;
                        int d = x[r] * GH;
                        for (int j = j0; j < j1; j++) {
                            sums[d + j] += dXW[o + j];
                        }
                    }
                    for (int j = j0; j < j1; j++) {
                        for (int ix = 0; ix < V; ix++) {
                            dWih[j * V + ix] = sums[ix * GH + j];
                        }
                    }
                });
                continue;
            }
            int in = m.inputSize(l);
            Matmul.mulAddTransAInPlace(dWih, dXW, X[l], GH, R, in, workers);
            zeroRows(dIn, in);
            Matmul.mulAddInPlace(dIn, dXW, m.Wih(l), R, GH, in, workers);
            if (l > 0) {
                // X_l = dropout(h_{l-1})
                dropoutBackward(l - 1);
            } else {
                // X_0 = E[x]
                float[] dE = grads.embedding();
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
        float[] mk = mask[l];
        boolean masked = dropped;
        rows(R, (r0, r1) -> {
            if (masked) {
                for (int k = r0 * H; k < r1 * H; k++) {
                    dH[k] = dIn[k] * mk[k];
                }
            } else {
                System.arraycopy(dIn, r0 * H, dH, r0 * H, (r1 - r0) * H);
            }
        });
    }

    /**
     * From dH (the gradient on layer l's outputs) to dXW and dHW, t from S-1 down to 0, carrying dh (and dc) back
     * through HW_t = h_{t-1} Whhᵀ + bhh and the cell.
     */
    private void recurrenceBackward(FloatStackedRnn m, int l) {
        float[] Whh = m.Whh(l);
        java.util.Arrays.fill(dcNext, 0f);
        // As forward: each thread carries its share of the streams from t = S-1 down to 0.
        rows(B, (b0, b1) -> {
            float[] next = dhNext;
            float[] next2 = dhNext2;
            java.util.Arrays.fill(next, b0 * H, b1 * H, 0f);
            for (int t = S - 1; t >= 0; t--) {
                java.util.Arrays.fill(next2, b0 * H, b1 * H, 0f);
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
                float[] swap = next;
                next = next2;
                next2 = swap;
            }
        });
    }

    /**
     * c' = f ⊙ c + i ⊙ g; h' = o ⊙ tanh(c'), with dh = dH_t + dh from step t+1 and dc from step t+1.
     * Writes the gates' pre-activation gradients to dHW (dXW is the same: both projections add into the gates).
     * dhNext is the calling thread's buffer of dh from step t+1 (two buffers each thread swaps for its own streams, see recurrenceBackward).
     */
    private void lstmBackward(int l, int r, int prev, int b, float[] dhNext) {
        float[] a = A[l];
        float[] cs = Cs[l];
        float[] tc = TC[l];
        int g0 = r * GH;
        int k0 = cells != null ? cells.lstmBackward(a, g0, tc, r * H, dH, dhNext, dcNext, b * H, cs, prev, dHW, H) : 0;
        for (int k = k0; k < H; k++) {
            int bk = b * H + k;
            float i = a[g0 + k];
            float f = a[g0 + H + k];
            float g = a[g0 + 2 * H + k];
            float o = a[g0 + 3 * H + k];
            float tcv = tc[r * H + k];
            float dh = dH[r * H + k] + dhNext[bk];
            // h' = o ⊙ tanh(c')
            float dout = dh * tcv;
            float dc = dcNext[bk] + dh * o * (1 - tcv * tcv);
            // c' = f ⊙ c + i ⊙ g
            float di = dc * g;
            float dg = dc * i;
            float df = dc * cs[prev + k];
            dcNext[bk] = dc * f;
            // i = σ(.), f = σ(.), g = tanh(.), o = σ(.)
            float dai = di * i * (1 - i);
            float daf = df * f * (1 - f);
            float dag = dg * (1 - g * g);
            float dao = dout * o * (1 - o);
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
    private void gruBackward(int l, int row, int prev, int b, float[] dhNext, float[] dhNext2) {
        float[] a = A[l];
        float[] hwl = HW[l];
        float[] hs = Hs[l];
        int g0 = row * GH;
        int k0 = cells != null
                ? cells.gruBackward(a, hwl, g0, dH, row * H, dhNext, dhNext2, b * H, hs, prev, dXW, dHW, H)
                : 0;
        for (int k = k0; k < H; k++) {
            int bk = b * H + k;
            float r = a[g0 + k];
            float z = a[g0 + H + k];
            float n = a[g0 + 2 * H + k];
            float dh = dH[row * H + k] + dhNext[bk];
            // h' = (h - n) ⊙ z + n
            float dn = dh * (1 - z);
            float dz = dh * (hs[prev + k] - n);
            dhNext2[bk] += dh * z;
            // n = tanh(xw_n + r ⊙ hw_n)
            float dan = dn * (1 - n * n);
            float dr = dan * hwl[g0 + 2 * H + k];
            // r = σ(.), z = σ(.)
            float dar = dr * r * (1 - r);
            float daz = dz * z * (1 - z);
            dXW[g0 + k] = dar;
            dXW[g0 + H + k] = daz;
            dXW[g0 + 2 * H + k] = dan;
            dHW[g0 + k] = dar;
            dHW[g0 + H + k] = daz;
            dHW[g0 + 2 * H + k] = dan * r;
        }
    }

    /** h' = tanh(xw + hw). */
    private void rnnBackward(int l, int r, int b, float[] dhNext) {
        float[] a = A[l];
        int g0 = r * GH;
        for (int k = 0; k < H; k++) {
            float h = a[g0 + k];
            float da = (dH[r * H + k] + dhNext[b * H + k]) * (1 - h * h);
            dHW[g0 + k] = da;
        }
    }

    /**
     * out[c] = Σ_r a[r][c], r in order from 0.0, as the product onesᵀ a (1·x is exact: the same sums, on the
     * vectorised kernels). Shapes: a rows x cols, out cols.
     */
    private void columnSums(float[] a, int rows, int cols, float[] out) {
        java.util.Arrays.fill(out, 0, cols, 0f);
        Matmul.mulAddTransAInPlace(out, ones, a, 1, rows, cols, workers);
    }

    /** a[0 .. R*width) = 0, split by rows. */
    private void zeroRows(float[] a, int width) {
        rows(R, (r0, r1) -> java.util.Arrays.fill(a, r0 * width, r1 * width, 0f));
    }

    /** body.run(c0, c1) over [0, cols) split into contiguous ranges of columns over the workers. */
    private void splitColumns(int cols, RowRange body) {
        rows(cols, body);
    }

    /** to[at..] = from rounded to float (exact for a state this path wrote). */
    private static void narrow(double[] from, float[] to, int at) {
        for (int k = 0; k < from.length; k++) {
            to[at + k] = (float) from[k];
        }
    }

    /** to = from[at..], exactly. */
    private static void widen(float[] from, int at, double[] to) {
        for (int k = 0; k < to.length; k++) {
            to[k] = from[at + k];
        }
    }

    private static float sigmoid(float v) {
        return FloatMath.sigmoid(v);
    }

    private static float tanh(float v) {
        return FloatMath.tanh(v);
    }

    /** The Vector API's cell maths when the JVM has {@code jdk.incubator.vector}, else null: scalar loops only. */
    static final Cells CELLS = Vectors.load("dev.charrnn.nn.VectorFloatCells", Cells.class);

    /**
     * A row's cell maths for whole vectors from k = 0, the same operations as the scalar loops below lane by lane;
     * each returns the k where the scalar loop takes over.
     */
    interface Cells {
        int lstmForward(
                float[] xw,
                float[] hw,
                int g0,
                float[] a,
                float[] cs,
                int prev,
                int next,
                float[] tc,
                int t0,
                float[] hs,
                int H);

        int lstmBackward(
                float[] a,
                int g0,
                float[] tc,
                int t0,
                float[] dH,
                float[] dhNext,
                float[] dcNext,
                int bk0,
                float[] cs,
                int prev,
                float[] dHW,
                int H);

        int gruForward(float[] xw, float[] hw, int g0, float[] a, float[] hs, int prev, int next, int H);

        int gruBackward(
                float[] a,
                float[] hw,
                int g0,
                float[] dH,
                int t0,
                float[] dhNext,
                float[] dhNext2,
                int bk0,
                float[] hs,
                int prev,
                float[] dXW,
                float[] dHW,
                int H);

        int rnnForward(float[] xw, float[] hw, int g0, float[] a, float[] hs, int next, int H);
    }

    private void requireFits(FloatStackedRnn m, int[] inputs, StackedState state) {
        if (m.cell != cell || m.layers != L || m.H != H || m.V != V || m.E != E) {
            throw new IllegalArgumentException("model " + m.describe() + " does not fit these buffers ("
                    + ModelConfig.name(cell) + " " + L + " x " + H + ", V=" + V + ", E=" + E + ")");
        }
        if (inputs.length != R) {
            throw new IllegalArgumentException(
                    "inputs have " + inputs.length + " entries, S*B = " + S + "*" + B + " = " + R);
        }
        state.requireFits(m.shape, B);
    }
}
