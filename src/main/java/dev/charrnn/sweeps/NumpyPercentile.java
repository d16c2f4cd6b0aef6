package dev.charrnn.sweeps;

import java.util.Arrays;

/** numpy's {@code nanpercentile} (its default, linear method) and {@code median}, to the bit. */
final class NumpyPercentile {
    private NumpyPercentile() {}

    /** The q-th percentile (0..100) of the values that are not NaN; NaN when none is. */
    static double nanpercentile(double[] values, double q) {
        double[] sorted =
                Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double quantile = q / 100;
        double virtualIndex = (n - 1) * quantile;
        if (virtualIndex >= n - 1) {
            return sorted[n - 1];
        }
        if (virtualIndex < 0) {
            return sorted[0];
        }
        int previous = (int) Math.floor(virtualIndex);
        double gamma = virtualIndex - previous;
        return lerp(sorted[previous], sorted[previous + 1], gamma);
    }

    /** numpy's {@code _lerp}: from the nearer end, so that t = 1 gives b exactly. */
    static double lerp(double a, double b, double t) {
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /** {@code np.median}: the middle value, or the mean of the two middle ones. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
