package dev.charrnn.sweeps;

import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.runs.RunRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A sweep's early-termination rule applied to its runs' validation points: verdicts are stored (rung values, the
 * trial's pruned mark) before the run is stopped, so a tick that dies in between stops it at the next.
 */
@Component
class SweepPruning {
    private static final Logger log = LoggerFactory.getLogger(SweepPruning.class);

    private final SweepTrialRepository trials;
    private final SweepRungRepository rungs;
    private final RunRequestReader json;
    private final ValidationCurves curves;
    private final PrunedRuns pruned;

    SweepPruning(
            SweepTrialRepository trials,
            SweepRungRepository rungs,
            RunRequestReader json,
            ValidationCurves curves,
            PrunedRuns pruned) {
        this.trials = trials;
        this.rungs = rungs;
        this.json = json;
        this.curves = curves;
        this.pruned = pruned;
    }

    /**
     * Weighs the submitted trials that are not yet finished (those whose run ended since the last tick included).
     *
     * @param status each trial's current state, by trial index
     */
    void apply(long sweepId, SweepRequest spec, List<SweepTrial> all, Map<Integer, String> status) {
        SweepRequest.EarlyTermination rule = spec.earlyTermination();
        List<SweepTrial> submitted =
                all.stream().filter(t -> t.getRunId() != null).toList();
        Map<Long, Curve> byRun = curves.of(submitted.stream()
                .filter(t -> !t.isFinished() || rule.rule() == SweepRequest.Rule.MEDIAN)
                .map(SweepTrial::getRunId)
                .toList());
        if (rule.rule() == SweepRequest.Rule.ASHA) {
            asha(sweepId, spec, rule, submitted, byRun, status);
        } else {
            median(sweepId, rule, submitted, byRun, status);
        }
    }

    private void asha(
            long sweepId,
            SweepRequest spec,
            SweepRequest.EarlyTermination rule,
            List<SweepTrial> submitted,
            Map<Long, Curve> byRun,
            Map<Integer, String> status) {
        Map<Integer, List<Double>> recorded = new HashMap<>();
        Map<Integer, Set<Integer>> decided = new HashMap<>();
        for (SweepRung r : rungs.findBySweep(sweepId)) {
            recorded.computeIfAbsent(r.getRung(), k -> new ArrayList<>()).add(r.getBestLoss());
            decided.computeIfAbsent(r.getTrialIndex(), k -> new HashSet<>()).add(r.getRung());
        }
        for (SweepTrial t : submitted) {
            if (t.isFinished() || t.isPruned()) {
                continue;
            }
            List<Asha.Rung> ladder = Asha.rungs(rule.minIterations(), rule.reductionFactor(), numIterations(spec, t));
            boolean running = !SweepService.finished(status.get(t.getTrialIndex()));
            List<Asha.Decision> decisions = Asha.decide(
                    byRun.get(t.getRunId()),
                    ladder,
                    rule.reductionFactor(),
                    decided.getOrDefault(t.getTrialIndex(), Set.of()),
                    recorded,
                    running);
            for (Asha.Decision d : decisions) {
                rungs.save(new SweepRung(sweepId, t.getTrialIndex(), d.rung(), d.milestone(), d.bestLoss(), d.prune()));
                recorded.computeIfAbsent(d.rung(), k -> new ArrayList<>()).add(d.bestLoss());
                if (d.prune()) {
                    prune(sweepId, t, d.atIteration());
                }
            }
        }
    }

    private void median(
            long sweepId,
            SweepRequest.EarlyTermination rule,
            List<SweepTrial> submitted,
            Map<Long, Curve> byRun,
            Map<Integer, String> status) {
        for (SweepTrial t : submitted) {
            Curve own = byRun.get(t.getRunId());
            if (t.isPruned()
                    || SweepService.finished(status.get(t.getTrialIndex()))
                    || own.isEmpty()
                    || Objects.equals(t.getLastCheckedIteration(), own.latest())) {
                continue;
            }
            List<Curve> others = submitted.stream()
                    .filter(o -> o != t)
                    .map(o -> byRun.get(o.getRunId()))
                    .toList();
            int checkedUpTo = t.getLastCheckedIteration() == null ? 0 : t.getLastCheckedIteration();
            Curve.Point stop = MedianStopping.firstStop(own, others, checkedUpTo, rule.minIterations(), rule.minRuns());
            trials.checked(sweepId, t.getTrialIndex(), own.latest());
            if (stop != null) {
                prune(sweepId, t, stop.done());
            }
        }
    }

    private void prune(long sweepId, SweepTrial t, int iteration) {
        trials.prune(sweepId, t.getTrialIndex(), iteration);
        log.info(
                "Sweep {} prunes run {} (trial {}) after {} iterations",
                sweepId,
                t.getRunId(),
                t.getTrialIndex(),
                iteration);
        pruned.stop(t.getRunId(), iteration);
    }

    /** The trial's length, ASHA's max_t. */
    private int numIterations(SweepRequest spec, SweepTrial t) {
        RunRequest request = json.trial(spec.base(), json.readValues(t.getParameters()), "n");
        return request.numIterations() == null ? TrainingConfig.DEFAULT_NUM_ITERATIONS : request.numIterations();
    }
}
