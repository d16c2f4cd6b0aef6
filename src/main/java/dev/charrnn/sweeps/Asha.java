package dev.charrnn.sweeps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asynchronous successive halving as Ray Tune's {@code AsyncHyperBandScheduler} (one bracket): rungs at
 * {@code minIterations x reductionFactor^k} up to the run's length. When a run first reaches a rung, its best
 * validation loss so far is compared with what the runs that reached the rung before it recorded there: it
 * continues only if within their best {@code 1 / reductionFactor}, the cutoff being Ray's
 * {@code np.nanpercentile(rewards, (1 - 1 / rf) * 100)} over rewards = -loss. Either way its value is recorded
 * for the runs that come later. Each run and rung is decided once.
 */
final class Asha {
    private Asha() {}

    record Rung(int index, double milestone) {}

    /** A run's verdict at a rung: the value it recorded there, at which point, and whether it stops. */
    record Decision(int rung, double milestone, double bestLoss, int atIteration, boolean prune) {}

    /** Ray's milestones {@code min_t * rf ** k} that do not pass {@code numIterations} (max_t). */
    static List<Rung> rungs(int minIterations, double reductionFactor, int numIterations) {
        List<Rung> rungs = new ArrayList<>();
        for (int k = 0; ; k++) {
            double milestone = minIterations * Math.pow(reductionFactor, k);
            if (milestone > numIterations || rungs.size() > 64) {
                return rungs;
            }
            rungs.add(new Rung(k, milestone));
        }
    }

    /**
     * The decisions at the rungs the curve has newly reached, lowest first, up to the first that stops the run.
     *
     * @param decided rungs this run has decided before
     * @param recorded each rung's values recorded by the other runs so far
     * @param canStop false for a run that has already ended: it records its values at every rung it reached
     */
    static List<Decision> decide(
            Curve curve,
            List<Rung> rungs,
            double reductionFactor,
            Set<Integer> decided,
            Map<Integer, List<Double>> recorded,
            boolean canStop) {
        List<Decision> decisions = new ArrayList<>();
        for (Rung rung : rungs) {
            if (decided.contains(rung.index())) {
                continue;
            }
            Curve.Point reached = curve.firstAtOrAfter(rung.milestone());
            if (reached == null) {
                break;
            }
            double best = curve.bestUpTo(reached.done());
            boolean prune = canStop && worse(best, recorded.getOrDefault(rung.index(), List.of()), reductionFactor);
            decisions.add(new Decision(rung.index(), rung.milestone(), best, reached.done(), prune));
            if (prune) {
                break;
            }
        }
        return decisions;
    }

    /** Whether {@code loss} falls outside the best {@code 1 / rf} of {@code recorded} (none recorded: no). */
    static boolean worse(double loss, List<Double> recorded, double reductionFactor) {
        if (recorded.isEmpty()) {
            return false;
        }
        double[] rewards = recorded.stream().mapToDouble(l -> -l).toArray();
        double cutoff = NumpyPercentile.nanpercentile(rewards, (1 - 1 / reductionFactor) * 100);
        return -loss < cutoff;
    }
}
