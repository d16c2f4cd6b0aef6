package dev.charrnn.sweeps;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The median stopping rule (Google Vizier's; Ray Tune's {@code MedianStoppingRule} compares likewise): at a
 * check after {@code done} iterations a run stops when its best validation loss so far is worse than the median
 * of the other runs' best up to the same iteration, counting only runs that have got that far, once at least
 * {@code minRuns} have and the run has trained {@code minIterations}.
 */
final class MedianStopping {
    private MedianStopping() {}

    /** Whether the run stops at its latest point. */
    static boolean shouldStop(Curve own, Collection<Curve> others, int minIterations, int minRuns) {
        if (own.isEmpty()) {
            return false;
        }
        int done = own.latest();
        if (done < minIterations) {
            return false;
        }
        List<Double> bests = new ArrayList<>();
        for (Curve other : others) {
            if (other.reaches(done)) {
                double best = other.bestUpTo(done);
                if (!Double.isNaN(best)) {
                    bests.add(best);
                }
            }
        }
        if (bests.size() < minRuns) {
            return false;
        }
        double median = NumpyPercentile.median(
                bests.stream().mapToDouble(Double::doubleValue).toArray());
        return own.bestUpTo(done) > median;
    }
}
