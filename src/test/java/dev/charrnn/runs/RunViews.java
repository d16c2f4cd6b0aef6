package dev.charrnn.runs;

import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.TrainingConfig;
import java.time.Instant;

/** Run views for controller tests. */
final class RunViews {
    private RunViews() {}

    static RunView of(long id, RunStatus status) {
        RunView.Summary summary = status.isFinished()
                ? new RunView.Summary(17.4, 17.3, 2000, null, null, StopReason.of(status), null)
                : null;
        return new RunView(
                id,
                null,
                status,
                TrainingConfig.defaults(),
                new RunView.CorpusRef(1, 2490, 24),
                new RunView.Progress(0, 2000, 0.0, null, null),
                null,
                null,
                status == RunStatus.QUEUED ? 1L : null,
                summary,
                Instant.parse("2026-01-01T00:00:00Z"),
                null,
                null,
                0.0,
                null,
                null,
                0.0,
                100,
                RunModel.of(ModelConfig.reference(), 64, 24),
                1,
                StopReason.of(status),
                null,
                3.0,
                java.util.List.of(),
                null,
                null);
    }
}
