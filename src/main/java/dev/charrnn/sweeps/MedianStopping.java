package dev.charrnn.sweeps;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The median stopping rule (Google Vizier's; Ray Tune's {@code MedianStoppingRule} compares likewise): at each of
 * a run's validation points, after {@code done} iterations, the run stops when its best validation loss so far is
 * worse than the median of the other runs' best up to the same iteration, counting only runs that have got that
 * far, once at least {@code minRuns} have and the run has trained {@code minIterations}.
 */
final class MedianStopping {
    private MedianStopping() {}

    /**
     * The first of the run's points past {@code checkedUpTo} iterations at which it stops, or null: every point is
     * weighed, however many arrived since the last look.
     */
    static Curve.Point firstStop(Curve own, Collection<Curve> others, int checkedUpTo, int minIterations, int minRuns) {
        for (Curve.Point p : own.points()) {
            if (p.done() > checkedUpTo && stopsAt(own, p.done(), others, minIterations, minRuns)) {
                return p;
            }
        }
        return null;
    }

    /** Whether the run stops at its point after {@code done} iterations. */
    static boolean stopsAt(Curve own, int done, Collection<Curve> others, int minIterations, int minRuns) {
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
