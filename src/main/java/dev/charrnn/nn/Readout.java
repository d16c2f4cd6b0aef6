package dev.charrnn.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * What a model does with a text read from a zero state, character by character: every layer's state after each
 * character and its k most likely next characters at that point, as Karpathy's "Visualizing and Understanding
 * Recurrent Networks" shows them.
 *
 * @param states each layer's hidden state h, bottom layer first, each followed by its cell state c for an LSTM
 * @param topIndices T x k: vocabulary indices, most likely first (ties: the lower index first)
 * @param topProbabilities T x k: their probabilities at temperature 1
 */
public record Readout(List<State> states, int[][] topIndices, double[][] topProbabilities) {

    /**
     * @param cell true for an LSTM's cell state c, false for the hidden state h
     * @param values T x H: row t is the state after reading character t
     */
    public record State(int layer, boolean cell, double[][] values) {}

    /** The reference's vanilla RNN: one state, h. Shapes: text indices in [0, V), 1 <= k <= V. */
    public static Readout of(CharRnn model, int[] text, int k) {
        requireK(k, model.V);
        double[][] hidden = new double[text.length][];
        Top top = new Top(text.length, k);
        double[] h = new double[model.H];
        double[] scratch = new double[model.H];
        double[] p = new double[model.V];
        for (int t = 0; t < text.length; t++) {
            model.stepHiddenInPlace(h, text[t], scratch);
            hidden[t] = h.clone();
            model.probabilities(h, 1.0, p);
            top.record(t, p);
        }
        return new Readout(List.of(new State(0, false, hidden)), top.indices, top.probabilities);
    }

    /** A stacked RNN, GRU or LSTM, one stream. */
    public static Readout of(StackedRnn model, int[] text, int k) {
        requireK(k, model.V);
        boolean lstm = model.cell == ModelConfig.Cell.LSTM;
        double[][][] h = new double[model.layers][text.length][];
        double[][][] c = lstm ? new double[model.layers][text.length][] : null;
        Top top = new Top(text.length, k);
        StackedInference inference = new StackedInference(model);
        StackedState state = inference.zeroState();
        for (int t = 0; t < text.length; t++) {
            double[] p = inference.stepInPlace(state, text[t], 1.0);
            for (int l = 0; l < model.layers; l++) {
                h[l][t] = state.h[l].clone();
                if (lstm) {
                    c[l][t] = state.c[l].clone();
                }
            }
            top.record(t, p);
        }
        List<State> states = new ArrayList<>();
        for (int l = 0; l < model.layers; l++) {
            states.add(new State(l, false, h[l]));
            if (lstm) {
                states.add(new State(l, true, c[l]));
            }
        }
        return new Readout(List.copyOf(states), top.indices, top.probabilities);
    }

    private static void requireK(int k, int V) {
        if (k < 1 || k > V) {
            throw new IllegalArgumentException("k must be in 1.." + V + ", got " + k);
        }
    }

    private static final class Top {
        final int[][] indices;
        final double[][] probabilities;
        final int k;

        Top(int T, int k) {
            this.indices = new int[T][];
            this.probabilities = new double[T][];
            this.k = k;
        }

        void record(int t, double[] p) {
            indices[t] = top(p, k);
            probabilities[t] = new double[k];
            for (int i = 0; i < k; i++) {
                probabilities[t][i] = p[indices[t][i]];
            }
        }
    }

    /** The indices of the k largest entries, largest first; a partial selection, k is small next to V. */
    static int[] top(double[] p, int k) {
        int[] best = new int[k];
        int filled = 0;
        for (int v = 0; v < p.length; v++) {
            int pos = filled;
            while (pos > 0 && p[v] > p[best[pos - 1]]) {
                pos--;
            }
            if (pos >= k) {
                continue;
            }
            int end = Math.min(filled, k - 1);
            System.arraycopy(best, pos, best, pos + 1, end - pos);
            best[pos] = v;
            filled = Math.min(filled + 1, k);
        }
        return best;
    }
}
