package dev.charrnn.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ASHA and the median stopping rule against numbers worked out by hand (and numpy where it says so). */
class EarlyTerminationRulesTest {

    private static Curve curve(double... doneAndLoss) {
        List<Curve.Point> points = new ArrayList<>();
        for (int i = 0; i < doneAndLoss.length; i += 2) {
            points.add(new Curve.Point((int) doneAndLoss[i], doneAndLoss[i + 1]));
        }
        return new Curve(points);
    }

    private static int latest(Curve curve) {
        return curve.latest();
    }

    @Test
    void theMedianRuleWeighsEveryPointSinceTheLastLookAndStopsAtTheFirstThatLags() {
        Curve a = curve(100, 1.9, 200, 1.7, 300, 1.6, 400, 1.5);
        Curve b = curve(100, 2.1, 200, 1.75, 300, 1.65, 400, 1.55);
        // at 100: others 1.9, 2.1 -> median 2.0, own 1.95 continues; at 200: median 1.725, own 1.8 lags
        Curve own = curve(100, 1.95, 200, 1.8, 300, 1.6, 400, 1.5);
        assertThat(MedianStopping.firstStop(own, List.of(a, b), 0, 0, 2)).isEqualTo(new Curve.Point(200, 1.8));
        assertThat(MedianStopping.firstStop(own, List.of(a, b), 200, 0, 2))
                .as("points up to 200 were weighed before; at 300 and 400 it keeps up")
                .isNull();
        assertThat(MedianStopping.firstStop(own, List.of(a, b), 0, 250, 2)).isNull();
    }

    @Test
    void percentileIsNumpysLinearInterpolationWithoutNaNs() {
        // np.nanpercentile([-1.2, -1.9, nan, -1.4], 75): index 1.5 between -1.4 and -1.2
        assertThat(NumpyPercentile.nanpercentile(new double[] {-1.2, -1.9, Double.NaN, -1.4}, 75))
                .isEqualTo(-1.2999999999999998);
        // (1 - 1/3) * 100 over five values: index 2.666..., numpy interpolates from the upper end
        assertThat(NumpyPercentile.nanpercentile(new double[] {-2.44, -1.46, -2.89, -2.8, -1.06}, (1 - 1 / 3.0) * 100))
                .isEqualTo(-1.7866666666666664);
        assertThat(NumpyPercentile.nanpercentile(new double[] {Double.NaN}, 50)).isNaN();
        assertThat(NumpyPercentile.median(new double[] {1.5, 1.7, 1.6, 1.9})).isEqualTo(1.65);
        assertThat(NumpyPercentile.median(new double[] {3, 1, 2})).isEqualTo(2);
    }

    @Test
    void ashaCutoffIsRaysPercentileOfRewards() {
        // rf 3 over [1.61, 1.52, 1.75, 1.58]: rewards' 66.7th percentile is -1.58 (index 2.0 exactly)
        List<Double> recorded = List.of(1.61, 1.52, 1.75, 1.58);
        assertThat(Asha.worse(1.58, recorded, 3))
                .as("equal to the cutoff continues")
                .isFalse();
        assertThat(Asha.worse(1.59, recorded, 3)).isTrue();
        assertThat(Asha.worse(1.40, recorded, 3)).isFalse();
        // the cutoff numpy computes, -1.7866666666666664, not -1.7866666666666662 as a + (b - a) t would
        List<Double> five = List.of(2.44, 1.46, 2.89, 2.8, 1.06);
        assertThat(Asha.worse(1.7866666666666664, five, 3)).isFalse();
        assertThat(Asha.worse(1.7866666666666666, five, 3)).isTrue();
        assertThat(Asha.worse(9.0, List.of(), 3))
                .as("the first at a rung always continues")
                .isFalse();
    }

    @Test
    void ashaRungsGrowByTheReductionFactorUpToTheRunsLength() {
        assertThat(Asha.rungs(100, 3, 2000)).extracting(Asha.Rung::milestone).containsExactly(100.0, 300.0, 900.0);
        assertThat(Asha.rungs(50, 2, 400)).extracting(Asha.Rung::milestone).containsExactly(50.0, 100.0, 200.0, 400.0);
        assertThat(Asha.rungs(500, 4, 400)).isEmpty();
    }

    @Test
    void ashaDecidesEachReachedRungOnceWithTheBestSoFarAndStopsAtTheFirstCut() {
        List<Asha.Rung> rungs = Asha.rungs(100, 2, 1000); // 100, 200, 400, 800
        Curve run = curve(50, 2.5, 100, 2.2, 150, 2.3, 200, 2.25, 250, 2.0, 300, 1.9, 400, 1.95);
        Map<Integer, List<Double>> recorded = Map.of(0, List.of(2.4, 2.3), 1, List.of(2.1, 2.15, 2.0));

        List<Asha.Decision> decisions = Asha.decide(run, rungs, 2, Set.of(), recorded, true);

        // rung 0 at point 100: best 2.2; rewards -2.4, -2.3 -> 50th percentile -2.35; -2.2 is above: continue.
        // rung 1 at point 200: best so far 2.2; rewards -2.1, -2.15, -2.0 -> median -2.1; -2.2 < -2.1: pruned,
        // and rung 2 is not looked at.
        assertThat(decisions)
                .containsExactly(new Asha.Decision(0, 100, 2.2, 100, false), new Asha.Decision(1, 200, 2.2, 200, true));

        assertThat(Asha.decide(run, rungs, 2, Set.of(0, 1), recorded, true))
                .as("rungs decided before are not decided again")
                .containsExactly(new Asha.Decision(2, 400, 1.9, 400, false));

        assertThat(Asha.decide(run, rungs, 2, Set.of(), recorded, false))
                .as("a run that has ended records every rung it reached and stops nothing")
                .extracting(Asha.Decision::prune)
                .containsExactly(false, false, false);
    }

    @Test
    void medianStopsARunWhoseBestIsWorseThanTheOthersMedianAtTheSameIteration() {
        Curve a = curve(100, 1.9, 200, 1.7, 300, 1.6);
        Curve b = curve(100, 2.1, 200, 1.75);
        Curve c = curve(100, 1.95); // has not got to 200: not counted there
        Curve own = curve(100, 2.0, 200, 1.8);
        // others at 200: a's best 1.7, b's best 1.75 -> median 1.725; own best 1.8 is worse
        assertThat(MedianStopping.stopsAt(own, latest(own), List.of(a, b, c), 0, 2))
                .isTrue();
        assertThat(MedianStopping.stopsAt(own, latest(own), List.of(a, b, c), 0, 3))
                .as("too few runs at 200")
                .isFalse();
        assertThat(MedianStopping.stopsAt(own, latest(own), List.of(a, b, c), 300, 2))
                .as("before minIterations")
                .isFalse();
        Curve better = curve(100, 2.0, 200, 1.72);
        assertThat(MedianStopping.stopsAt(better, latest(better), List.of(a, b, c), 0, 2))
                .isFalse();
        // at 100 three runs count: 1.9, 2.1, 1.95 -> median 1.95; 2.0 is worse
        assertThat(MedianStopping.stopsAt(curve(100, 2.0), latest(curve(100, 2.0)), List.of(a, b, c), 0, 3))
                .isTrue();
    }
}
