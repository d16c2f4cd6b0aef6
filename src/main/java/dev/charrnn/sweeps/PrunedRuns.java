package dev.charrnn.sweeps;

import dev.charrnn.runs.RunService;
import dev.charrnn.runs.StopReason;
import dev.charrnn.system.ApiException;
import org.springframework.stereotype.Component;

/**
 * How a run the sweep's rule has pruned is stopped: the one place that acts on the run itself. It is cancelled with
 * the stop reason PRUNED and the iteration of the verdict (the run keeps what it recorded); the sweep's trial row
 * already says it was pruned and where.
 */
@Component
class PrunedRuns {
    private final RunService runs;

    PrunedRuns(RunService runs) {
        this.runs = runs;
    }

    /** Stops run {@code runId}, pruned after {@code iteration} iterations; nothing when it has already finished. */
    void stop(long runId, int iteration) {
        try {
            runs.stop(runId, StopReason.PRUNED, iteration);
        } catch (ApiException finishedOrGone) {
            // it ended (or was deleted) before the rule's verdict arrived: nothing left to stop
        }
    }
}
