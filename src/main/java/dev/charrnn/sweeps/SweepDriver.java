package dev.charrnn.sweeps;

import dev.charrnn.runs.RunRequest;
import dev.charrnn.runs.RunService;
import dev.charrnn.runs.RunView;
import dev.charrnn.system.ApiException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves every running sweep on, once a tick of the sweeps' recurring task (one instance at a time): looks at its
 * runs, applies its early-termination rule ({@link SweepPruning}), submits the next trials while fewer than
 * maxConcurrent are unfinished, and ends the sweep when every trial has. Everything it knows is in the database,
 * so any instance can take over at the next tick.
 */
@Component
class SweepDriver {
    private static final Logger log = LoggerFactory.getLogger(SweepDriver.class);

    private final SweepRepository sweeps;
    private final SweepTrialRepository trials;
    private final RunRequestReader json;
    private final RunService runs;
    private final SweepPruning pruning;
    private final PrunedRuns pruned;
    private final TransactionTemplate transaction;

    SweepDriver(
            SweepRepository sweeps,
            SweepTrialRepository trials,
            RunRequestReader json,
            RunService runs,
            SweepPruning pruning,
            PrunedRuns pruned,
            PlatformTransactionManager transactions) {
        this.sweeps = sweeps;
        this.trials = trials;
        this.json = json;
        this.runs = runs;
        this.pruning = pruning;
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
        SweepRequest spec = json.read(sweep.getSpec(), SweepRequest.class);
        List<SweepTrial> all = trials.findBySweep(sweepId);
        Map<Integer, String> status = refresh(sweepId, all);
        if (spec.earlyTermination() != null) {
            pruning.apply(sweepId, spec, all, status);
        }
        // finished only now: a run that ended since the last tick has had its last points weighed above
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

    /**
     * Submits pending trials while fewer than maxConcurrent runs are unfinished; false when the queue was full
     * (the rest wait for the next tick) or the sweep was cancelled meanwhile.
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
                    return false;
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
        RunRequest request = json.trial(spec.base(), json.readValues(t.getParameters()), name);
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
