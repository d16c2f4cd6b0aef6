package dev.charrnn.nn;

/**
 * Numerically stable softmax, as the reference computes it: {@code e = exp(y - max y); p = e / sum(e)}, with
 * numpy's exp ({@link NumpyMath}) and numpy's pairwise sum, so every probability has the reference's bits.
 */
final class Softmax {
    private Softmax() {
    }

    /** Replaces y[off .. off+n) by its softmax. */
    static void inPlace(double[] y, int off, int n) {
        double max = y[off];
        for (int i = 1; i < n; i++) {
            if (y[off + i] > max) {
                max = y[off + i];
            }
        }
        for (int i = 0; i < n; i++) {
            y[off + i] = NumpyMath.exp(y[off + i] - max);
        }
        double sum = PairwiseSum.sum(y, off, n);
        for (int i = 0; i < n; i++) {
            y[off + i] = y[off + i] / sum;
        }
    }
}
