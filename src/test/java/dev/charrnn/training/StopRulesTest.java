package dev.charrnn.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.nn.SmoothLoss;
import dev.charrnn.runs.TrainingRun;
import dev.charrnn.support.RunFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class StopRulesTest {

    private static TrainingRun run(Integer patience, Double minDelta, Double divergenceFactor) {
        TrainingRun run = RunFixtures.aRun().on(1, 10).heldOut(0.1, 10).build();
        run.stopRules(patience, minDelta, divergenceFactor);
        return run;
    }

    private static Supplier<Snapshot> state(int iteration) {
        return () -> new Snapshot(iteration, () -> new byte[] {(byte) iteration});
    }

    @Test
    void aSmoothLossAboveTheFactorTimesTheFirstLossOrANonFiniteLossDiverges() {
        StopRules rules = StopRules.of(run(null, null, 3.0), StopRules.History.NONE);
        assertThat(rules.divergence(0, 100.0, 110.0)).isNull();
        assertThat(rules.divergence(1, 900.0, 300.0)).as("one iteration's loss").isNull();
        assertThat(rules.divergence(2, 900.0, 300.5))
                .isEqualTo("diverged at iteration 2: the smooth loss 300.5 is above 3.0 x the first loss 100.0 "
                        + "(divergenceFactor)");
        assertThat(rules.divergence(3, Double.NaN, 120.0)).isEqualTo("diverged at iteration 3: the loss is NaN");
        assertThat(rules.divergence(4, Double.POSITIVE_INFINITY, 120.0))
                .isEqualTo("diverged at iteration 4: the loss is " + "Infinity");
    }

    @Test
    void aSpikeInTheFirstIterationsIsNotADivergence() {
        // what a vanilla RNN at H = 100, learning rate 0.1 did on an 80-character corpus: 109.6, then 419.5 at
        // iteration 3 (3.8 x the first loss), then it trained normally
        StopRules rules = StopRules.of(run(null, null, 3.0), StopRules.History.NONE);
        double smooth = 25 * Math.log(80);
        double[] losses = {109.6, 130.0, 250.0, 419.5, 380.0, 300.0, 200.0, 150.0, 120.0, 110.0};
        for (int i = 0; i < losses.length; i++) {
            smooth = SmoothLoss.next(smooth, losses[i]);
            assertThat(rules.divergence(i, losses[i], smooth))
                    .as("iteration " + i)
                    .isNull();
        }
    }

    @Test
    void aResumedRunMeasuresAgainstItsRecordedFirstLoss() {
        StopRules rules = StopRules.of(run(null, null, 2.0), new StopRules.History(100.0, List.of()));
        assertThat(rules.divergence(500, 300.0, 199.0)).isNull();
        assertThat(rules.divergence(501, 300.0, 200.5)).startsWith("diverged at iteration 501");
    }

    @Test
    void aFirstLossBelowChanceLevelMeasuresAgainstChanceLevel() {
        // 10 characters, seqLength 25: chance level 25 ln 10 = 57.56
        StopRules rules = StopRules.of(run(null, null, 3.0), StopRules.History.NONE);
        assertThat(rules.divergence(0, 5.0, 57.0)).isNull();
        assertThat(rules.divergence(1, 170.0, 170.0)).isNull();
        assertThat(rules.divergence(2, 173.0, 173.0)).contains("above 3.0 x chance level 57.56");
    }

    @Test
    void withoutAFactorNothingDivergesAndNoStateIsKept() {
        StopRules rules = StopRules.of(run(null, null, null), StopRules.History.NONE);
        assertThat(rules.divergence(0, 1.0, 1.0)).isNull();
        assertThat(rules.divergence(1, Double.NaN, Double.NaN)).isNull();
        assertThat(rules.keepsLastGood()).isFalse();
        rules.good(state(1).get());
        assertThat(rules.lastGood()).isNull();
    }

    @Test
    void earlyStoppingCountsPointsWithoutAnImprovementAboveMinDelta() {
        StopRules rules = StopRules.of(run(2, 0.1, null), StopRules.History.NONE);
        rules.validated(9, 3.0, state(10));
        rules.validated(19, 2.95, state(20)); // better, but by less than minDelta: one point without improvement
        assertThat(rules.earlyStopIteration()).isNull();
        rules.validated(29, 2.8, state(30)); // 0.2 below 3.0: an improvement
        rules.validated(39, 2.75, state(40));
        assertThat(rules.earlyStopIteration()).isNull();
        rules.validated(49, 2.9, state(50));
        assertThat(rules.earlyStopIteration()).isEqualTo(49);
        // the best is the lowest loss, minDelta or not
        StopRules.Best best = rules.takeBest();
        assertThat(best.validationIteration()).isEqualTo(39);
        assertThat(best.lossPerChar()).isEqualTo(2.75);
        assertThat(best.state().iteration()).isEqualTo(40);
        assertThat(rules.takeBest()).isNull();
    }

    @Test
    void theBestIsTheEarliestOfEqualLosses() {
        StopRules rules = StopRules.of(run(null, null, null), StopRules.History.NONE);
        rules.validated(9, 2.0, state(10));
        rules.validated(19, 2.0, state(20));
        assertThat(rules.takeBest().validationIteration()).isEqualTo(9);
        assertThat(rules.earlyStopIteration()).isNull();
    }

    @Test
    void aResumedRunReplaysItsPointsAndStopsWhereAnUninterruptedOneWould() {
        List<Batch.Validation> points = new ArrayList<>();
        double[] losses = {3.0, 2.5, 2.6, 2.7, 2.8};
        StopRules uninterrupted = StopRules.of(run(3, 0.0, null), StopRules.History.NONE);
        for (int k = 0; k < losses.length; k++) {
            uninterrupted.validated(10 * k + 9, losses[k], state(10 * k + 10));
            if (k < 3) {
                points.add(new Batch.Validation(10 * k + 9, losses[k]));
            }
        }
        StopRules resumed = StopRules.of(run(3, 0.0, null), new StopRules.History(80.0, points));
        // replayed points keep no state: the best of them was written with the checkpoint
        assertThat(resumed.takeBest()).isNull();
        resumed.validated(39, 2.7, state(40));
        assertThat(resumed.earlyStopIteration()).isNull();
        resumed.validated(49, 2.8, state(50));
        assertThat(resumed.earlyStopIteration()).isEqualTo(49).isEqualTo(uninterrupted.earlyStopIteration());
        assertThat(resumed.takeBest()).isNull(); // 2.5 at 19 is still the best
    }
}
