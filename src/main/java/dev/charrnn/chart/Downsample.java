package dev.charrnn.chart;

/**
 * Largest-Triangle-Three-Buckets downsampling (S. Steinarsson, "Downsampling Time Series for Visual
 * Representation", 2013): keeps the first and the last point and, from each of {@code maxPoints - 2} equal buckets
 * in between, the point forming the largest triangle with the point kept from the previous bucket and the average
 * of the next bucket. Peaks and dips survive, so a curve drawn from a few thousand kept points looks like the full
 * series. One pass, no allocation beyond the result: a million points take a few milliseconds.
 */
public final class Downsample {
    private Downsample() {}

    /**
     * Indices (ascending) of the points to keep.
     *
     * @param x the abscissas, ascending (same length as y)
     * @param y the values
     * @param maxPoints at least 2; when {@code n <= maxPoints} every index is returned
     */
    public static int[] lttbIndices(double[] x, double[] y, int maxPoints) {
        return lttb(x.length, y.length, maxPoints, i -> x[i], y);
    }

    /** As {@link #lttbIndices(double[], double[], int)} with integer abscissas (e.g. iteration numbers). */
    public static int[] lttbIndices(int[] x, double[] y, int maxPoints) {
        return lttb(x.length, y.length, maxPoints, i -> x[i], y);
    }

    /** As {@link #lttbIndices(double[], double[], int)} with long abscissas (e.g. epoch milliseconds). */
    public static int[] lttbIndices(long[] x, double[] y, int maxPoints) {
        return lttb(x.length, y.length, maxPoints, i -> x[i], y);
    }

    /** As {@link #lttbIndices(double[], double[], int)} with the abscissas 0, 1, ..., n-1. */
    public static int[] lttbIndices(double[] y, int maxPoints) {
        return lttb(y.length, y.length, maxPoints, i -> i, y);
    }

    @FunctionalInterface
    private interface Xs {
        double at(int i);
    }

    private static int[] lttb(int nx, int n, int maxPoints, Xs x, double[] y) {
        if (nx != n) {
            throw new IllegalArgumentException("x has " + nx + " points but y has " + n);
        }
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be at least 2, got " + maxPoints);
        }
        if (n <= maxPoints) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] kept = new int[maxPoints];
        kept[0] = 0;
        int k = 1;
        // Buckets over the inner points 1 .. n-2.
        long inner = n - 2;
        int buckets = maxPoints - 2;
        int a = 0;
        for (int b = 0; b < buckets; b++) {
            // Bucket b is [1 + b*inner/buckets, 1 + (b+1)*inner/buckets): exact integer bounds, never empty.
            int start = bound(b, inner, buckets);
            int end = bound(b + 1, inner, buckets);
            int nextStart = end;
            int nextEnd = b + 1 < buckets ? bound(b + 2, inner, buckets) : n; // after the last bucket: point n-1
            double avgX = 0.0;
            double avgY = 0.0;
            for (int j = nextStart; j < nextEnd; j++) {
                avgX += x.at(j);
                avgY += y[j];
            }
            int count = nextEnd - nextStart;
            avgX /= count;
            avgY /= count;

            double ax = x.at(a);
            double ay = y[a];
            double maxArea = -1.0;
            int chosen = start;
            for (int j = start; j < end; j++) {
                // Twice the triangle's area; the factor does not change the argmax.
                double area = Math.abs((ax - avgX) * (y[j] - ay) - (ax - x.at(j)) * (avgY - ay));
                if (area > maxArea) {
                    maxArea = area;
                    chosen = j;
                }
            }
            kept[k++] = chosen;
            a = chosen;
        }
        kept[k++] = n - 1;
        return kept;
    }

    private static int bound(int b, long inner, int buckets) {
        return (int) (1 + b * inner / buckets);
    }
}
