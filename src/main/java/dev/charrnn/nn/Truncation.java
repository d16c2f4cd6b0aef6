package dev.charrnn.nn;

import java.util.Arrays;

/**
 * Top-k and nucleus (top-p) sampling: before a draw, keep only the {@code topK} most likely characters and, of
 * those, the fewest most likely whose probabilities add up to at least {@code topP}; the rest get probability 0 and
 * the kept ones are renormalised (top-k first, then top-p, as Hugging Face's samplers). Ties keep the lower index.
 *
 * @param topK 0 for no limit
 * @param topP 1 for no limit; in (0, 1]
 */
public record Truncation(int topK, double topP) {
    public static final Truncation NONE = new Truncation(0, 1.0);

    public Truncation {
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        }
    }

    public boolean isNone() {
        return topK == 0 && topP == 1.0;
    }

    /** Zeroes the characters outside the truncation and renormalises the rest, in place. */
    void apply(double[] p, Integer[] order) {
        int v = p.length;
        for (int i = 0; i < v; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
        int keep = topK == 0 ? v : Math.min(v, topK);
        if (topP < 1.0) {
            double cumulative = 0;
            for (int r = 0; r < keep; r++) {
                cumulative += p[order[r]];
                if (cumulative >= topP) {
                    keep = r + 1;
                    break;
                }
            }
        }
        for (int r = keep; r < v; r++) {
            p[order[r]] = 0;
        }
        double sum = 0;
        for (double x : p) {
            sum += x;
        }
        for (int i = 0; i < v; i++) {
            p[i] /= sum;
        }
    }
}
