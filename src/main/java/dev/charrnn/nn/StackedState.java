package dev.charrnn.nn;

import dev.charrnn.nn.ModelConfig.Cell;

/**
 * The recurrent state of B streams through a stacked model: per layer h (B x H) and, for an LSTM, c (B x H).
 * Row b is stream b. Carried (without its gradient) from one training iteration to the next.
 */
public final class StackedState {
    public final int layers;
    public final int B;
    public final int H;
    /** h[l]: B x H. */
    public final double[][] h;
    /** c[l]: B x H for an LSTM; null otherwise. */
    public final double[][] c;

    public StackedState(Cell cell, int layers, int batch, int hiddenSize) {
        this.layers = layers;
        this.B = batch;
        this.H = hiddenSize;
        this.h = new double[layers][batch * hiddenSize];
        this.c = cell == Cell.LSTM ? new double[layers][batch * hiddenSize] : null;
    }

    /** A zero state fitting {@code model} for {@code batch} streams. */
    public static StackedState zeros(StackedRnn model, int batch) {
        return new StackedState(model.cell, model.layers, batch, model.H);
    }

    public void fillZeroInPlace() {
        for (int l = 0; l < layers; l++) {
            java.util.Arrays.fill(h[l], 0.0);
            if (c != null) {
                java.util.Arrays.fill(c[l], 0.0);
            }
        }
    }

    /** Stream b's state as a one-stream state. */
    public StackedState stream(int b) {
        StackedState s = new StackedState(c != null ? Cell.LSTM : Cell.RNN, layers, 1, H);
        for (int l = 0; l < layers; l++) {
            System.arraycopy(h[l], b * H, s.h[l], 0, H);
            if (c != null) {
                System.arraycopy(c[l], b * H, s.c[l], 0, H);
            }
        }
        return s;
    }

    public StackedState copy() {
        StackedState s = new StackedState(c != null ? Cell.LSTM : Cell.RNN, layers, B, H);
        for (int l = 0; l < layers; l++) {
            System.arraycopy(h[l], 0, s.h[l], 0, h[l].length);
            if (c != null) {
                System.arraycopy(c[l], 0, s.c[l], 0, c[l].length);
            }
        }
        return s;
    }

    /** Every array of the state: h[0..L), then c[0..L) for an LSTM. */
    public double[][] arrays() {
        if (c == null) {
            return h;
        }
        double[][] all = new double[2 * layers][];
        System.arraycopy(h, 0, all, 0, layers);
        System.arraycopy(c, 0, all, layers, layers);
        return all;
    }

    void requireFits(StackedRnn model, int batch) {
        if (layers != model.layers || B != batch || H != model.H || (c != null) != (model.cell == Cell.LSTM)) {
            throw new IllegalArgumentException("state (" + layers + " layers, B=" + B + ", H=" + H
                    + (c != null ? ", with c" : "") + ") does not fit " + model.describe() + " at B=" + batch);
        }
    }
}
