package dev.charrnn.runs;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.charrnn.corpus.CorpusInfo;
import dev.charrnn.nn.TrainingConfig;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A run as the API shows it. */
@Schema(name = "Run")
public record RunView(
        @Schema(example = "1") long id,
        @Schema(example = "shakespeare-h100") String name,
        @Schema(example = "RUNNING") RunStatus status,

        @Schema(description = "The hyperparameters (hiddenSize, seqLength, ...), as fields of the run") @JsonUnwrapped
        TrainingConfig config,

        CorpusRef corpus,
        Progress progress,

        @Schema(description = "Latest smooth loss (summed over seqLength characters, nats)", example = "41.2")
        Double smoothLoss,

        @Schema(description = "smoothLoss / seqLength", example = "1.65")
        Double lossPerChar,

        @Schema(description = "1 = next to start; only while QUEUED", example = "1")
        Long queuePosition,

        @Schema(description = "Only when finished") Summary summary,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,

        @Schema(description = "Time spent training, excluding the queue", example = "3.2")
        double trainingSeconds,

        @Schema(description = "Only when FAILED") String error,

        @Schema(description = "Only for a continued run: where its initial weights came from")
        InitFrom initFrom,

        @Schema(description = "The corpus' last fraction held out for validation (0: none)", example = "0.1")
        double validationFraction,

        @Schema(description = "Validation loss measured every this many iterations", example = "100")
        int evalEvery,

        @Schema(
                description = "The model configuration (cell, layers, batchSize, optimizer, ...) and its "
                        + "parameterCount, as fields of the run")
        @JsonUnwrapped
        RunModel model,

        @Schema(description = "Threads it trains on (the bits do not depend on them)", example = "1")
        int threads,

        @Schema(
                description = "Why it ended (COMPLETED, EARLY_STOPPED, CANCELLED, DIVERGED, PRUNED, FAILED); null "
                        + "while not finished",
                example = "COMPLETED")
        StopReason stopReason,

        @Schema(description = "Only with earlyStopping") RunRequest.EarlyStopping earlyStopping,

        @Schema(
                description = "Smooth loss above this many times the first loss fails the run (null: no check)",
                example = "3")
        Double divergenceFactor,

        @Schema(description = "Labels set with PATCH, in the order given", example = "[\"baseline\"]")
        List<String> tags,

        @Schema(description = "Free text set with PATCH", example = "first try with H=128")
        String notes,

        @Schema(description = "The sweep that submitted it (null: submitted on its own)", example = "null")
        Long sweepId) {

    @Schema(name = "RunInitFrom")
    public record InitFrom(
            @Schema(example = "1") Long runId,
            @Schema(example = "null") Long modelId,
            @Schema(example = "false") boolean resumeOptimizer,

            @Schema(description = "Which of the source run's weights: final or best", example = "final")
            String checkpoint) {}

    @Schema(name = "RunCorpus")
    public record CorpusRef(
            @Schema(example = "1") long id,
            @Schema(example = "2490") int characters,
            @Schema(example = "24") int vocabularySize) {}

    @Schema(name = "RunProgress")
    public record Progress(
            @Schema(description = "Iterations done", example = "800")
            int iteration,

            @Schema(example = "2000") int numIterations,
            @Schema(example = "0.4") double fraction,
            @Schema(example = "250000") Double charsPerSecond,
            @Schema(example = "1.2") Double etaSeconds) {}

    /** Over the smooth-loss series, as the reference's summary.json. */
    @Schema(name = "RunSummary")
    public record Summary(
            @Schema(example = "12.5") Double finalLoss,
            @Schema(example = "12.1") Double minLoss,
            @Schema(example = "2000") Integer numSteps,

            @Schema(
                    description = "Lowest validation loss per character; null without a validation split",
                    example = "1.72")
            Double bestValidationLossPerChar,

            @Schema(description = "The iteration after which it was measured", example = "1899")
            Integer bestValidationIteration,

            @Schema(description = "Why the run ended", example = "EARLY_STOPPED")
            StopReason stopReason,

            @Schema(
                    description = "For EARLY_STOPPED, DIVERGED and PRUNED: the iteration after which it stopped "
                            + "(for DIVERGED, the one whose loss diverged, not recorded)",
                    example = "1299")
            Integer stoppedAtIteration) {

        /** Null until the run has finished. */
        public static Summary of(TrainingRun r) {
            return r.getStatus().isFinished() && r.getNumSteps() != null
                    ? new Summary(
                            r.getFinalLoss(),
                            r.getMinLoss(),
                            r.getNumSteps(),
                            r.getBestValidationLossPerChar(),
                            r.getBestValidationIteration(),
                            r.getStopReason(),
                            r.getStopIteration())
                    : null;
        }
    }

    static RunView of(TrainingRun r, CorpusInfo corpus, Long queuePosition, List<String> tags) {
        TrainingConfig config = r.getConfig();
        int done = r.getIteration();
        Double cps = r.getStatus() == RunStatus.RUNNING ? r.getCharsPerSecond() : null;
        // every stream reads seqLength characters an iteration
        double charsPerIteration = (double) config.seqLength() * r.getModel().batchSize();
        Double eta = cps == null || cps <= 0 ? null : (config.numIterations() - done) * charsPerIteration / cps;
        Progress progress = new Progress(
                done, config.numIterations(), done / (double) config.numIterations(), r.getCharsPerSecond(), eta);
        Summary summary = Summary.of(r);
        Double lossPerChar = r.getSmoothLoss() == null ? null : r.getSmoothLoss() / config.seqLength();
        return new RunView(
                r.getId(),
                r.getName(),
                r.getStatus(),
                config,
                new CorpusRef(corpus.id(), corpus.characters(), corpus.vocabularySize()),
                progress,
                r.getSmoothLoss(),
                lossPerChar,
                queuePosition,
                summary,
                r.getCreatedAt(),
                r.getStartedAt(),
                r.getFinishedAt(),
                r.getTrainingMillis() / 1000.0,
                r.getError(),
                r.getInitRunId() == null && r.getInitModelId() == null
                        ? null
                        : new InitFrom(
                                r.getInitRunId(),
                                r.getInitModelId(),
                                r.isResumeOptimizer(),
                                r.getInitRunId() == null
                                        ? null
                                        : r.getInitCheckpoint().label()),
                r.getValidationFraction(),
                r.getEvalEvery(),
                RunModel.of(r.getModel(), config.hiddenSize(), r.getVocabularySize()),
                r.getThreads(),
                r.getStopReason(),
                r.getEarlyStoppingPatience() == null
                        ? null
                        : new RunRequest.EarlyStopping(r.getEarlyStoppingPatience(), r.getEarlyStoppingMinDelta()),
                r.getDivergenceFactor(),
                tags,
                r.getNotes(),
                r.getSweepId());
    }
}
