package dev.charrnn.sweeps;

import dev.charrnn.runs.RunRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A sweep as the API shows it: where it stands and its runs, best first. */
@Schema(name = "Sweep")
public record SweepView(
        @Schema(example = "1") long id,
        @Schema(example = "lr-and-h") String name,
        @Schema(example = "RUNNING") SweepStatus status,
        @Schema(example = "random") SweepRequest.Method method,

        @Schema(description = "Seed of the draws (random)", example = "7")
        Long seed,

        @Schema(description = "Runs planned", example = "12")
        int trials,

        @Schema(example = "4") int maxConcurrent,

        @Schema(implementation = RunRequest.class, description = "The run request every run starts from")
        JsonNode base,

        @Schema(description = "The fields varied, as asked") Map<String, SweepRequest.Parameter> parameters,
        SweepRequest.EarlyTermination earlyTermination,

        @Schema(
                description = "Trials by state: PENDING (not submitted yet), the run statuses (QUEUED, RUNNING, "
                        + "SUCCEEDED, FAILED, CANCELLED), PRUNED (stopped by the early-termination rule), REFUSED (the "
                        + "run request was refused), DELETED (its run was deleted)",
                example = "{\"PENDING\": 4, \"RUNNING\": 2, \"SUCCEEDED\": 3, \"PRUNED\": 3}")
        Map<String, Integer> counts,

        @Schema(description = "Submitted runs by best validation loss per character, lowest first (none yet: last)")
        List<Trial> leaderboard,

        Instant createdAt,
        Instant finishedAt) {

    @Schema(name = "SweepTrial")
    public record Trial(
            @Schema(description = "Index in the plan, from 0", example = "3")
            int trial,

            @Schema(example = "17") Long runId,
            @Schema(example = "lr-and-h #3") String name,

            @Schema(
                    implementation = Object.class,
                    description = "The varied fields' values",
                    example = "{\"learningRate\": 0.05, \"hiddenSize\": 64}")
            JsonNode parameters,

            @Schema(description = "Lowest validation loss per character so far", example = "1.72")
            Double bestValidationLossPerChar,

            @Schema(description = "The iteration after which it was measured", example = "1899")
            Integer bestValidationIteration,

            @Schema(description = "The run's status (or REFUSED, DELETED)", example = "SUCCEEDED")
            String status,

            @Schema(description = "PRUNED when the sweep's rule stopped the run; null otherwise", example = "PRUNED")
            String stopReason,

            @Schema(description = "For PRUNED: the iterations done when it was stopped", example = "600")
            Integer prunedAtIteration,

            @Schema(description = "For REFUSED: why the run could not be submitted")
            String error) {}

    /** A sweep in a list. */
    @Schema(name = "SweepSummary")
    public record Summary(
            @Schema(example = "1") long id,
            @Schema(example = "lr-and-h") String name,
            @Schema(example = "RUNNING") SweepStatus status,
            @Schema(example = "12") int trials,
            Instant createdAt,
            Instant finishedAt) {}

    @Schema(name = "SweepPage")
    public record Page(
            List<Summary> content,
            @Schema(example = "0") int page,
            @Schema(example = "20") int size,
            @Schema(example = "3") long totalElements,
            @Schema(example = "1") int totalPages) {}
}
