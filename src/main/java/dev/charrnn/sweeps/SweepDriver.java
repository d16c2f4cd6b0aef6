package dev.charrnn.sweeps;

import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.runs.RunRequest;
import dev.charrnn.runs.RunService;
import dev.charrnn.runs.RunView;
import dev.charrnn.system.ApiException;
import java.time.Instant;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves every running sweep on, once a tick of the sweeps' recurring task (one instance at a time): looks at its
 * runs, applies its early-termination rule to their validation points and stops the runs it prunes, submits the
 * next trials while fewer than maxConcurrent are unfinished, and ends the sweep when every trial has. Everything
 * it knows is in the database, so any instance can take over at the next tick.
 */
@Component
class SweepDriver {
    private static final Logger log = LoggerFactory.getLogger(SweepDriver.class);

    private final SweepRepository sweeps;
    private final SweepTrialRepository trials;
    private final SweepRungRepository rungs;
    private final SweepPlanner planner;
    private final RunService runs;
    private final ValidationCurves curves;
    private final PrunedRuns pruned;
    private final TransactionTemplate transaction;

    SweepDriver(
            SweepRepository sweeps,
            SweepTrialRepository trials,
            SweepRungRepository rungs,
            SweepPlanner planner,
            RunService runs,
            ValidationCurves curves,
            PrunedRuns pruned,
            PlatformTransactionManager transactions) {
        this.sweeps = sweeps;
        this.trials = trials;
        this.rungs = rungs;
        this.planner = planner;
        this.runs = runs;
        this.curves = curves;
        this.pruned = pruned;
        this.transaction = new TransactionTemplate(transactions);
    }

    void tick() {
        for (long id : sweeps.findIdsByStatus(SweepStatus.RUNNING.name())) {
            try {
                advance(id);
            } catch (RuntimeException e) {
                log.warn("Sweep {} could not advance; trying again at the next tick", id, e);
            }
        }
    }

    /** One sweep's step. */
    void advance(long sweepId) {
        Sweep sweep = sweeps.findById(sweepId).orElse(null);
        if (sweep == null || sweep.getStatus() != SweepStatus.RUNNING) {
            return;
        }
        SweepRequest spec = planner.read(sweep.getSpec(), SweepRequest.class);
        List<SweepTrial> all = trials.findBySweep(sweepId);
        Map<Integer, String> status = refresh(sweepId, all);
        if (spec.earlyTermination() != null) {
            terminate(sweepId, spec, all, status);
        }
        for (SweepTrial t : all) {
            if (t.getRunId() != null && !t.isFinished() && SweepService.finished(status.get(t.getTrialIndex()))) {
                trials.markFinished(sweepId, t.getTrialIndex());
            }
        }
        if (submit(sweep, spec, all, status)
                && all.stream().allMatch(t -> SweepService.finished(status.get(t.getTrialIndex())))) {
            sweeps.finish(sweepId, SweepStatus.SUCCEEDED.name(), Instant.now());
        }
    }

    /** Each trial's current state (PENDING before its run); run states that changed are stored. */
    private Map<Integer, String> refresh(long sweepId, List<SweepTrial> all) {
        Map<Integer, String> status = new HashMap<>();
        for (SweepTrial t : all) {
            String now = t.getRunStatus() == null ? "PENDING" : t.getRunStatus();
            if (t.getRunId() != null && !t.isFinished()) {
                try {
                    now = runs.get(t.getRunId()).status().name();
                } catch (ApiException gone) {
                    now = "DELETED";
                }
                if (!now.equals(t.getRunStatus())) {
                    trials.updateRunStatus(sweepId, t.getTrialIndex(), now);
                }
                if (t.isPruned() && !SweepService.finished(now)) {
                    pruned.stop(t.getRunId(), t.getPrunedAtIteration()); // again, should the last tick have died
                } else if (t.isPruned() && !SweepService.prunedNow(t, now)) {
                    trials.unprune(sweepId, t.getTrialIndex());
                }
            }
            status.put(t.getTrialIndex(), now);
        }
        return status;
    }

    private void terminate(long sweepId, SweepRequest spec, List<SweepTrial> all, Map<Integer, String> status) {
        List<SweepTrial> submitted =
                all.stream().filter(t -> t.getRunId() != null).toList();
        Map<Long, Curve> byRun = curves.of(submitted.stream()
                .filter(t -> !t.isFinished() || spec.earlyTermination().rule() == SweepRequest.Rule.MEDIAN)
                .map(SweepTrial::getRunId)
                .toList());
        SweepRequest.EarlyTermination rule = spec.earlyTermination();
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
            int numIterations = numIterations(spec, t);
            List<Asha.Rung> ladder = Asha.rungs(rule.minIterations(), rule.reductionFactor(), numIterations);
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
            trials.checked(sweepId, t.getTrialIndex(), own.latest());
            if (MedianStopping.shouldStop(own, others, rule.minIterations(), rule.minRuns())) {
                prune(sweepId, t, own.latest());
            }
        }
    }

    /** Records the verdict before acting on it: a tick that dies in between stops the run at the next. */
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

    private int numIterations(SweepRequest spec, SweepTrial t) {
        RunRequest request = planner.trialRequest(spec.base(), planner.readValues(t.getParameters()), "n");
        return request.numIterations() == null ? TrainingConfig.DEFAULT_NUM_ITERATIONS : request.numIterations();
    }

    /**
     * Submits pending trials while fewer than maxConcurrent runs are unfinished; false when the queue was full
     * (the rest wait for the next tick).
     */
    private boolean submit(Sweep sweep, SweepRequest spec, List<SweepTrial> all, Map<Integer, String> status) {
        long unfinished = all.stream()
                .filter(t -> t.getRunId() != null && !SweepService.finished(status.get(t.getTrialIndex())))
                .count();
        for (SweepTrial t : all) {
            if (unfinished >= sweep.getMaxConcurrent()) {
                return true;
            }
            if (t.getRunId() != null || t.getRunStatus() != null) {
                continue;
            }
            String name =
                    (sweep.getName() == null ? "sweep " + sweep.getId() : sweep.getName()) + " #" + t.getTrialIndex();
            try {
                RunView run = transaction.execute(tx -> submitOne(sweep.getId(), spec, t, name));
                if (run == null) {
                    return false; // cancelled meanwhile
                }
                status.put(t.getTrialIndex(), run.status().name());
                unfinished++;
            } catch (RunService.QueueFullException full) {
                return false;
            } catch (ApiException refused) {
                trials.refuse(sweep.getId(), t.getTrialIndex(), refused.getMessage());
                status.put(t.getTrialIndex(), "REFUSED");
            }
        }
        return true;
    }

    /**
     * In one transaction with the trial's bookkeeping, under the sweep's row lock, and with an Idempotency-Key of
     * sweep and trial: a replay after a crash finds the run instead of starting another.
     */
    private RunView submitOne(long sweepId, SweepRequest spec, SweepTrial t, String name) {
        if (sweeps.lockRunning(sweepId) == 0) {
            return null;
        }
        RunRequest request = planner.trialRequest(spec.base(), planner.readValues(t.getParameters()), name);
        RunView run = runs.submit(request, null, idempotencyKey(sweepId, t.getTrialIndex()), sweepId)
                .run();
        trials.assignRun(
                sweepId, t.getTrialIndex(), run.id(), name, run.status().name());
        return run;
    }

    static String idempotencyKey(long sweepId, int trial) {
        return "charrnn-sweep:" + sweepId + ":trial:" + trial;
    }
}
