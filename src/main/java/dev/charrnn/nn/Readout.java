package dev.charrnn.nn;

/**
 * What a model does with a text read from h = 0, character by character: its hidden state after each character
 * (the rows of {@link Evaluation#hiddenStates}) and its k most likely next characters at that point, as Karpathy's
 * "Visualizing and Understanding Recurrent Networks" shows them.
 *
 * @param hidden T x H: row t is h after reading character t
 * @param topIndices T x k: vocabulary indices, most likely first (ties: the lower index first)
 * @param topProbabilities T x k: their probabilities at temperature 1
 */
public record Readout(double[][] hidden, int[][] topIndices, double[][] topProbabilities) {

    /** Shapes: text indices in [0, V), 1 <= k <= V. */
    public static Readout of(CharRnn model, int[] text, int k) {
        if (k < 1 || k > model.V) {
            throw new IllegalArgumentException("k must be in 1.." + model.V + ", got " + k);
        }
        double[][] hidden = new double[text.length][];
        int[][] topIndices = new int[text.length][];
        double[][] topProbabilities = new double[text.length][];
        double[] h = new double[model.H];
        double[] scratch = new double[model.H];
        double[] p = new double[model.V];
        for (int t = 0; t < text.length; t++) {
            model.stepHiddenInPlace(h, text[t], scratch);
            hidden[t] = h.clone();
            model.probabilities(h, 1.0, p);
            topIndices[t] = top(p, k);
            topProbabilities[t] = new double[k];
            for (int i = 0; i < k; i++) {
                topProbabilities[t][i] = p[topIndices[t][i]];
            }
        }
        return new Readout(hidden, topIndices, topProbabilities);
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
