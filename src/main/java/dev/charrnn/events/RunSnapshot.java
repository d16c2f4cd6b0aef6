package dev.charrnn.events;

import dev.charrnn.runs.RunStatus;
import dev.charrnn.runs.RunView;
import dev.charrnn.runs.TrainingRun;
import java.util.Objects;

/** What one poll read of a run's row. */
record RunSnapshot(
        long id,
        RunStatus status,
        int iteration,
        int numIterations,
        int seqLength,
        Double smoothLoss,
        Double charsPerSecond,
        String error,
        RunView.Summary summary,
        int batchSize) {

    static RunSnapshot of(TrainingRun r) {
        return new RunSnapshot(
                r.getId(),
                r.getStatus(),
                r.getIteration(),
                r.getConfig().numIterations(),
                r.getConfig().seqLength(),
                r.getSmoothLoss(),
                r.getCharsPerSecond(),
                r.getError(),
                RunView.Summary.of(r),
                r.getModel().batchSize());
    }

    /** Whether a progress event would say something new. */
    boolean progressedSince(RunSnapshot before) {
        return before == null
                || iteration != before.iteration
                || status != before.status
                || !Objects.equals(smoothLoss, before.smoothLoss)
                || !Objects.equals(charsPerSecond, before.charsPerSecond);
    }
}
