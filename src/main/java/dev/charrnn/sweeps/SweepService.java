package dev.charrnn.sweeps;

import dev.charrnn.runs.RunService;
import dev.charrnn.runs.RunStatus;
import dev.charrnn.system.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Starting, reading and cancelling sweeps; {@link SweepDriver} moves them on. */
@Service
public class SweepService {
    private final SweepRepository sweeps;
    private final SweepTrialRepository trials;
    private final SweepPlanner planner;
    private final RunRequestReader json;
    private final RunService runs;
    private final ValidationCurves curves;
    private final TransactionTemplate transaction;

    SweepService(
            SweepRepository sweeps,
            SweepTrialRepository trials,
            SweepPlanner planner,
            RunRequestReader json,
            RunService runs,
            ValidationCurves curves,
            PlatformTransactionManager transactions) {
        this.sweeps = sweeps;
        this.trials = trials;
        this.planner = planner;
        this.json = json;
        this.runs = runs;
        this.curves = curves;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Stores the sweep and its plan; the driver submits its runs from the next tick on. */
    public SweepView create(SweepRequest request) {
        SweepPlanner.Accepted accepted = planner.accept(request);
        SweepRequest spec = accepted.request();
        long id = transaction.execute(t -> {
            Sweep sweep = sweeps.save(new Sweep(
                    spec.name(),
                    spec.method().toString(),
                    json.write(spec),
                    spec.maxConcurrent(),
                    accepted.trials().size(),
                    Instant.now()));
            List<SweepTrial> rows = new ArrayList<>();
            for (int i = 0; i < accepted.trials().size(); i++) {
                rows.add(new SweepTrial(
                        sweep.getId(), i, json.write(accepted.trials().get(i))));
            }
            trials.saveAll(rows);
            return sweep.getId();
        });
        return get(id);
    }

    public SweepView get(long id) {
        Sweep sweep = find(id);
        SweepRequest spec = json.read(sweep.getSpec(), SweepRequest.class);
        List<SweepTrial> rows = trials.findBySweep(id);
        Map<Long, dev.charrnn.sweeps.Curve> byRun = curves.of(
                rows.stream().map(SweepTrial::getRunId).filter(Objects::nonNull).toList());
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<SweepView.Trial> board = new ArrayList<>();
        for (SweepTrial t : rows) {
            String status = status(t);
            boolean pruned = prunedNow(t, status);
            counts.merge(pruned ? "PRUNED" : status, 1, Integer::sum);
            if (t.getRunId() == null && t.getError() == null) {
                continue;
            }
            Curve.Point best =
                    t.getRunId() == null ? null : byRun.get(t.getRunId()).best();
            board.add(new SweepView.Trial(
                    t.getTrialIndex(),
                    t.getRunId(),
                    t.getRunName(),
                    json.read(t.getParameters(), JsonNode.class),
                    best == null ? null : best.lossPerChar(),
                    best == null ? null : best.done() - 1,
                    status,
                    pruned ? "PRUNED" : null,
                    pruned ? t.getPrunedAtIteration() : null,
                    t.getError()));
        }
        board.sort(Comparator.comparing(
                        SweepView.Trial::bestValidationLossPerChar, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt(SweepView.Trial::trial));
        return new SweepView(
                id,
                sweep.getName(),
                sweep.getStatus(),
                spec.method(),
                spec.seed(),
                sweep.getTrialCount(),
                sweep.getMaxConcurrent(),
                spec.base(),
                spec.parameters(),
                spec.earlyTermination(),
                counts,
                board,
                sweep.getCreatedAt(),
                sweep.getFinishedAt());
    }

    /** The trial's state: its run's, read now while the run is unfinished. */
    private String status(SweepTrial t) {
        if (t.getRunId() == null) {
            return t.getRunStatus() == null ? "PENDING" : t.getRunStatus();
        }
        if (t.isFinished() || finished(t.getRunStatus())) {
            return t.getRunStatus();
        }
        try {
            return runs.get(t.getRunId()).status().name();
        } catch (ApiException gone) {
            return "DELETED";
        }
    }

    /**
     * Whether the trial stands as pruned: its run ended otherwise when it completed its last iteration before the
     * cancel reached it.
     */
    static boolean prunedNow(SweepTrial t, String status) {
        return t.isPruned() && !RunStatus.SUCCEEDED.name().equals(status);
    }

    static boolean finished(String runStatus) {
        return runStatus != null
                && (runStatus.equals("DELETED")
                        || runStatus.equals("REFUSED")
                        || RunStatus.valueOf(runStatus).isFinished());
    }

    public SweepView.Page list(int page, int size) {
        if (page < 0 || size < 1 || size > 100 || (long) page * size > Integer.MAX_VALUE - size) {
            throw ApiException.badRequest(
                    "page must be >= 0 and size between 1 and 100, got page=" + page + ", size=" + size);
        }
        var result = sweeps.findAllByOrderByIdDesc(PageRequest.of(page, size));
        List<SweepView.Summary> content = result.getContent().stream()
                .map(s -> new SweepView.Summary(
                        s.getId(), s.getName(), s.getStatus(), s.getTrialCount(), s.getCreatedAt(), s.getFinishedAt()))
                .toList();
        return new SweepView.Page(content, page, size, result.getTotalElements(), result.getTotalPages());
    }

    /**
     * Ends a running sweep and cancels its unfinished runs. The sweep's row is updated first: a trial being
     * submitted at the same time holds that row, so its run is among those read afterwards.
     */
    public SweepView cancel(long id) {
        Sweep sweep = find(id);
        if (sweeps.finish(id, SweepStatus.CANCELLED.name(), Instant.now()) == 0) {
            throw ApiException.conflict("sweep " + id + " is already " + find(id).getStatus());
        }
        for (SweepTrial t : trials.findBySweep(sweep.getId())) {
            if (t.getRunId() != null && !t.isFinished() && !finished(t.getRunStatus())) {
                try {
                    runs.cancel(t.getRunId());
                } catch (ApiException finishedOrGone) {
                    // it ended meanwhile: nothing to cancel
                }
            }
        }
        return get(id);
    }

    private Sweep find(long id) {
        return sweeps.findById(id).orElseThrow(() -> ApiException.notFound("sweep", id));
    }
}
