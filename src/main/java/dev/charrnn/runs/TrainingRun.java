package dev.charrnn.runs;

import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.records.CheckpointKind;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A training run: what was asked (hyperparameters, corpus) and where it stands. Progress columns are written by
 * the training task with targeted updates ({@link TrainingRunRepository}), never by saving a stale entity.
 */
@Entity
@Table(name = "training_run")
public class TrainingRun {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RunStatus status;

    @Column(name = "corpus_id", nullable = false)
    private long corpusId;

    /** The hyperparameters, one column each: Hibernate maps an embedded record without annotations on it (nn knows no JPA). */
    @Embedded
    private TrainingConfig config;

    /** The model and its optimizer (cell, layers, batchSize, optimizer, ...), one column each like the config. */
    @Embedded
    private ModelConfig model;

    @Column(name = "vocabulary_size")
    private int vocabularySize;

    private int iteration;

    @Column(name = "smooth_loss")
    private Double smoothLoss;

    @Column(name = "chars_per_second")
    private Double charsPerSecond;

    @Column(name = "training_millis")
    private long trainingMillis;

    @Column(name = "cancel_requested")
    private boolean cancelRequested;

    @Column(name = "final_loss")
    private Double finalLoss;

    @Column(name = "min_loss")
    private Double minLoss;

    @Column(name = "num_steps")
    private Integer numSteps;

    private String error;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    /** The SHA-256 of the request that came with the idempotency key. */
    @Column(name = "request_sha256")
    private String requestSha256;

    @Column(name = "init_run_id")
    private Long initRunId;

    @Column(name = "init_model_id")
    private Long initModelId;

    @Column(name = "resume_optimizer")
    private boolean resumeOptimizer;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "validation_fraction")
    private double validationFraction;

    @Column(name = "eval_every")
    private int evalEvery;

    @Column(name = "best_validation_loss_per_char")
    private Double bestValidationLossPerChar;

    @Column(name = "best_validation_iteration")
    private Integer bestValidationIteration;

    @Column(name = "early_stopping_patience")
    private Integer earlyStoppingPatience;

    @Column(name = "early_stopping_min_delta")
    private Double earlyStoppingMinDelta;

    @Column(name = "divergence_factor")
    private Double divergenceFactor;

    @Enumerated(EnumType.STRING)
    @Column(name = "stop_reason")
    private StopReason stopReason;

    @Column(name = "stop_iteration")
    private Integer stopIteration;

    /** Free text people write about the run (PATCH); set with a targeted update, never by saving the entity. */
    private String notes;

    /** Which of the source run's weights a continued run starts from; null: its final ones. */
    @Enumerated(EnumType.STRING)
    @Column(name = "init_checkpoint")
    private CheckpointKind initCheckpoint;
    /** Threads it trains on (StackedTrainer's; the reference configuration always has 1). Changes no number. */
    @Column(name = "threads", nullable = false)
    private int threads = 1;

    /** The sweep that submitted it, if any. */
    @Column(name = "sweep_id")
    private Long sweepId;

    protected TrainingRun() {}

    public TrainingRun(
            String name,
            long corpusId,
            int vocabularySize,
            TrainingConfig config,
            String idempotencyKey,
            Instant createdAt) {
        this.name = name;
        this.status = RunStatus.QUEUED;
        this.corpusId = corpusId;
        this.vocabularySize = vocabularySize;
        this.config = config;
        this.model = ModelConfig.reference();
        this.idempotencyKey = idempotencyKey;
        this.createdAt = createdAt;
    }

    /** Trains {@code model} instead of the reference configuration. */
    public void trainModel(ModelConfig model) {
        this.model = model;
    }

    /** Trains on {@code threads} threads instead of one. */
    public void trainOn(int threads) {
        this.threads = threads;
    }

    public int getThreads() {
        return threads;
    }

    /** Starts the run from a finished run's final weights (and memories) or from an imported model. */
    public void initFrom(Long runId, Long modelId, boolean resumeOptimizer) {
        this.initRunId = runId;
        this.initModelId = modelId;
        this.resumeOptimizer = resumeOptimizer;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public RunStatus getStatus() {
        return status;
    }

    public long getCorpusId() {
        return corpusId;
    }

    public TrainingConfig getConfig() {
        return config;
    }

    public ModelConfig getModel() {
        return model;
    }

    public int getVocabularySize() {
        return vocabularySize;
    }

    public int getIteration() {
        return iteration;
    }

    public Double getSmoothLoss() {
        return smoothLoss;
    }

    public Double getCharsPerSecond() {
        return charsPerSecond;
    }

    public long getTrainingMillis() {
        return trainingMillis;
    }

    public boolean isCancelRequested() {
        return cancelRequested;
    }

    public Double getFinalLoss() {
        return finalLoss;
    }

    public Double getMinLoss() {
        return minLoss;
    }

    public Integer getNumSteps() {
        return numSteps;
    }

    public String getError() {
        return error;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public String getRequestSha256() {
        return requestSha256;
    }

    public void identifyRequest(String sha256) {
        this.requestSha256 = sha256;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Long getInitRunId() {
        return initRunId;
    }

    public Long getInitModelId() {
        return initModelId;
    }

    public boolean isResumeOptimizer() {
        return resumeOptimizer;
    }

    /** Holds out the corpus' last {@code fraction} for validation, evaluated every {@code evalEvery} iterations. */
    public void holdOut(double fraction, int evalEvery) {
        this.validationFraction = fraction;
        this.evalEvery = evalEvery;
    }

    public double getValidationFraction() {
        return validationFraction;
    }

    public int getEvalEvery() {
        return evalEvery;
    }

    public Double getBestValidationLossPerChar() {
        return bestValidationLossPerChar;
    }

    public Integer getBestValidationIteration() {
        return bestValidationIteration;
    }

    /**
     * Ends the run after {@code patience} validation points without an improvement larger than {@code minDelta}
     * (null: never), and fails it when a loss is non-finite or above {@code divergenceFactor} times its first loss
     * (null: never).
     */
    public void stopRules(Integer patience, Double minDelta, Double divergenceFactor) {
        this.earlyStoppingPatience = patience;
        this.earlyStoppingMinDelta = minDelta;
        this.divergenceFactor = divergenceFactor;
    }

    public Integer getEarlyStoppingPatience() {
        return earlyStoppingPatience;
    }

    public Double getEarlyStoppingMinDelta() {
        return earlyStoppingMinDelta;
    }

    public Double getDivergenceFactor() {
        return divergenceFactor;
    }

    /** Why it ended; for runs stored without one, what their status implies. Null while not finished. */
    public StopReason getStopReason() {
        if (!status.isFinished()) {
            return null; // a reason given with a cancel request shows once the run has stopped
        }
        return stopReason != null ? stopReason : StopReason.of(status);
    }

    /** After which iteration a rule stopped it (early stopping, divergence, pruning); null otherwise. */
    public Integer getStopIteration() {
        return status.isFinished() ? stopIteration : null;
    }

    /** A run continued from another run starts from the source's {@code kind} weights. */
    public void initFromCheckpoint(CheckpointKind kind) {
        this.initCheckpoint = kind == CheckpointKind.FINAL ? null : kind;
    }

    public CheckpointKind getInitCheckpoint() {
        return initCheckpoint == null ? CheckpointKind.FINAL : initCheckpoint;
    }

    public String getNotes() {
        return notes;
    }

    /** Marks the run as one of a sweep's trials. */
    public void joinSweep(Long sweepId) {
        this.sweepId = sweepId;
    }

    public Long getSweepId() {
        return sweepId;
    }
}
