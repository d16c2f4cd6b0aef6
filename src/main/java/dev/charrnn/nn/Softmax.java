package dev.charrnn.nn;

/**
 * Numerically stable softmax, as the reference computes it: {@code e = exp(y - max y); p = e / sum(e)}, with
 * numpy's exp ({@link NumpyMath}) and numpy's pairwise sum, so every probability has the reference's bits.
 */
final class Softmax {
    private Softmax() {}

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

    /**
     * Replaces the logits y[off .. off+n) by {@code softmax(y / temperature)}. While {@code max(y) / temperature}
     * is finite this is the reference's computation, bit for bit (divide, then {@link #inPlace}); a scaled logit
     * that is -inf there only gives the 0 it stands for. When the largest scaled logit overflows (a temperature
     * such as 1e-308), {@code y/T - max(y/T)} would be inf - inf = NaN; then the shift comes before the division,
     * {@code (y - max y) / T}, which is the same quantity in exact arithmetic and cannot overflow upwards: the
     * largest logits get exp(0) and the others exp of a huge negative number, 0 - the distribution's limit.
     */
    static void withTemperatureInPlace(double[] y, int off, int n, double temperature) {
        double max = y[off];
        for (int i = 1; i < n; i++) {
            if (y[off + i] > max) {
                max = y[off + i];
            }
        }
        boolean scaledMaxFinite = Double.isFinite(max / temperature);
        for (int i = 0; i < n; i++) {
            y[off + i] = scaledMaxFinite ? y[off + i] / temperature : (y[off + i] - max) / temperature;
        }
        inPlace(y, off, n);
    }
}
