package dev.charrnn.results;

import dev.charrnn.nn.SmoothLoss;
import dev.charrnn.records.LossChunk;
import dev.charrnn.records.LossCodec;
import java.util.Arrays;
import java.util.List;

/**
 * A run's recorded losses, decoded (smooth losses rebuilt), grown from the chunks past its end so that a poll
 * decodes the newest chunk instead of the whole series. Snapshots share their arrays: the arrays are only written
 * past a snapshot's {@code n}, which no reader of that snapshot looks at.
 */
final class DecodedLosses {
    static final DecodedLosses EMPTY = new DecodedLosses(0, new int[0], new double[0], new double[0]);

    final int n;
    final int[] iterations;
    final double[] smooth;
    final double[] raw;

    private DecodedLosses(int n, int[] iterations, double[] smooth, double[] raw) {
        this.n = n;
        this.iterations = iterations;
        this.smooth = smooth;
        this.raw = raw;
    }

    /** The iteration the next query starts from: the chunk holding the last point and every later one. */
    int resumeFrom() {
        return n == 0 ? 0 : iterations[n - 1];
    }

    int capacity() {
        return iterations.length;
    }

    /**
     * This series followed by {@code chunks} (the run's chunks holding iterations >= {@link #resumeFrom()}, in
     * order), or null when they do not continue it: the run was rewound under it (a resumed run rewrites what it
     * recorded after its checkpoint) or its points differ where they overlap. The caller then decodes afresh.
     */
    DecodedLosses extendedBy(List<LossChunk> chunks) {
        if (n > 0 && (chunks.isEmpty() || chunks.get(0).getFirstIteration() > iterations[n - 1])) {
            return null;
        }
        int[] it = iterations;
        double[] s = smooth;
        double[] r = raw;
        int k = n;
        for (LossChunk c : chunks) {
            double[] cr = LossCodec.unpack(c.getRawLosses());
            double[] cs = SmoothLoss.series(c.getSmoothStart(), cr);
            for (int i = 0; i < cr.length; i++) {
                int iteration = c.getFirstIteration() + i;
                if (k > 0 && iteration <= it[k - 1]) {
                    int at = Arrays.binarySearch(it, 0, k, iteration);
                    if (at < 0 || !sameBits(r[at], cr[i]) || !sameBits(s[at], cs[i])) {
                        return null;
                    }
                    continue;
                }
                if (k == it.length) {
                    int grown = Math.max(1024, it.length * 2);
                    it = Arrays.copyOf(it, grown);
                    s = Arrays.copyOf(s, grown);
                    r = Arrays.copyOf(r, grown);
                }
                it[k] = iteration;
                s[k] = cs[i];
                r[k] = cr[i];
                k++;
            }
        }
        return new DecodedLosses(k, it, s, r);
    }

    /** A run's chunks, in order, decoded with nothing before them. */
    static DecodedLosses of(List<LossChunk> chunks) {
        DecodedLosses d = EMPTY.extendedBy(chunks);
        if (d == null) {
            // chunks are keyed by their first iteration and written end to end, so none overlap
            throw new IllegalStateException("overlapping loss chunks");
        }
        return d;
    }

    /** The index of the first point at or after {@code from}. */
    int indexOf(int from) {
        int at = Arrays.binarySearch(iterations, 0, n, from);
        return at >= 0 ? at : -at - 1;
    }

    private static boolean sameBits(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }
}
