package dev.charrnn.nn;

/**
 * Numerically stable softmax, as the reference computes it: {@code e = exp(y - max y); p = e / sum(e)}.
 * StrictMath.exp (fdlibm, pure Java on JDK 17 and as fast as the Math.exp intrinsic here) rather than Math.exp,
 * whose last bit may differ between JVMs and CPUs: a run is then bit-for-bit reproducible anywhere, and can be
 * replayed by a reference that uses the same fdlibm functions.
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
            y[off + i] = StrictMath.exp(y[off + i] - max);
        }
        double sum = PairwiseSum.sum(y, off, n);
        for (int i = 0; i < n; i++) {
            y[off + i] = y[off + i] / sum;
        }
    }
}
