package dev.charrnn.runs;

import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.StackedTrainer;
import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.system.CodePoints;
import dev.charrnn.system.ProblemText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A training run to start. Every field is optional; the defaults are the reference script's. The corpus is
 * {@code corpus} (the text), {@code corpusId} (a stored corpus) or, with neither, the reference's built-in text.
 */
@Schema(
        name = "RunRequest",
        description =
                "Hyperparameters and corpus of a new run; omitted fields take the " + "reference script's defaults")
public record RunRequest(
        @Schema(description = "Hidden units H", example = "64", defaultValue = "" + TrainingConfig.DEFAULT_HIDDEN_SIZE)
        @Min(1)
        @Max(1024)
        Integer hiddenSize,

        @Schema(
                description = "Characters per truncated-BPTT sequence",
                example = "25",
                defaultValue = "" + TrainingConfig.DEFAULT_SEQ_LENGTH)
        @Min(1)
        @Max(1000)
        Integer seqLength,

        @Schema(
                description = "Training iterations (one sequence each)",
                example = "2000",
                defaultValue = "" + TrainingConfig.DEFAULT_NUM_ITERATIONS)
        @Min(1)
        @Max(10_000_000)
        Integer numIterations,

        @Schema(
                description = "The optimizer's learning rate (finite, > 0)",
                example = "0.1",
                defaultValue = "" + TrainingConfig.DEFAULT_LEARNING_RATE)
        @Positive
        @DecimalMax("1000")
        Double learningRate,

        @Schema(
                description = "Draw a training sample every this many iterations",
                example = "200",
                defaultValue = "" + TrainingConfig.DEFAULT_SAMPLE_EVERY)
        @Min(1)
        @Max(10_000_000)
        Integer sampleEvery,

        @Schema(
                description = "Characters per training sample",
                example = "100",
                defaultValue = "" + TrainingConfig.DEFAULT_SAMPLE_LENGTH)
        @Min(1)
        @Max(10_000)
        Integer sampleLength,

        @Schema(
                description = "Seed of the run's random generator (initial weights, samples)",
                example = "42",
                defaultValue = "" + TrainingConfig.DEFAULT_SEED)
        Long seed,

        @Schema(
                description = "A label for people: at most 200 characters (code points), no control characters",
                example = "shakespeare-h100")
        @CodePoints(max = 200, controlCharacters = false)
        String name,

        @Schema(
                description = "The training text; give this or corpusId, or neither for the built-in corpus",
                example = "hello world\nhello deep learning\n")
        String corpus,

        @Schema(description = "A stored corpus (POST /api/corpora)", example = "1") @Positive
        Long corpusId,

        @Schema(description = "One training sample per temperature at each sampling point", example = "[1.0]")
        @Size(min = 1, max = 8)
        List<@DecimalMin(value = "0.0", inclusive = false) @DecimalMax("100") Double> sampleTemperatures,

        @Schema(
                description = "Continue training: start from the final weights of a finished run or from an "
                        + "imported model instead of random ones. The corpus' vocabulary must be the source's (same "
                        + "characters, same order) and hiddenSize is the source's. The smooth loss restarts from chance "
                        + "level (ln V x seqLength) as in any run; the raw losses start where the source left off.")
        @Valid
        InitFrom initFrom,

        @Schema(
                description = "With initFrom.runId: also continue the source's optimizer state (its final "
                        + "checkpoint's: Adagrad's memories, Adam's moments and step count, ...) instead of a fresh one. "
                        + "The optimizer is then the source's; another one is refused",
                example = "false",
                defaultValue = "false")
        Boolean resumeOptimizer,

        @Schema(
                description = "Hold out the corpus' last fraction of characters for validation (char-rnn's "
                        + "practice; 0 = train on everything, as the reference)",
                example = "0.1",
                defaultValue = "0")
        @DecimalMin("0.0")
        @DecimalMax(value = "1.0", inclusive = false)
        Double validationFraction,

        @Schema(
                description = "Measure the validation loss every this many iterations (and at the end); only "
                        + "with validationFraction > 0",
                example = "100",
                defaultValue = "" + DEFAULT_EVAL_EVERY)
        @Min(1)
        @Max(10_000_000)
        Integer evalEvery,

        // The model and its optimizer (nn.ModelConfig); omitted: the reference configuration's values.
        @Schema(
                description = "Recurrent cell: rnn (the reference's vanilla tanh RNN), lstm or gru",
                allowableValues = {"rnn", "lstm", "gru"},
                example = "lstm",
                defaultValue = "rnn")
        String cell,

        @Schema(description = "Stacked cells of hiddenSize units each, 1..4", example = "2", defaultValue = "1")
        Integer layers,

        @Schema(
                description = "Learned input embedding of this size; 0 = one-hot input",
                example = "0",
                defaultValue = "0")
        Integer embeddingSize,

        @Schema(
                description = "Parallel streams, 1..256 (char-rnn's loader: stream b reads the b-th of batchSize "
                        + "equal slices of the training text); the loss is averaged over the streams",
                example = "4",
                defaultValue = "1")
        Integer batchSize,

        @Schema(
                description = "Dropout 0 <= p < 1 on the outputs of every layer that feeds another layer or the "
                        + "output layer",
                example = "0",
                defaultValue = "0")
        Double dropout,

        @Schema(
                description = "adagrad (the reference's), adam, rmsprop or sgd, as PyTorch defines them; "
                        + "learningRate is its learning rate",
                allowableValues = {"adagrad", "adam", "rmsprop", "sgd"},
                example = "adam",
                defaultValue = "adagrad")
        String optimizer,

        @Schema(description = "adam only: decoupled weight decay (AdamW)", example = "0", defaultValue = "0")
        Double weightDecay,

        @Schema(description = "sgd only: momentum, 0 <= m < 1", example = "0", defaultValue = "0")
        Double momentum,

        @Schema(
                description = "Multiply the learning rate by this every lrDecayEvery iterations (char-rnn); 1: none",
                example = "1",
                defaultValue = "1")
        Double lrDecay,

        @Schema(description = "Iterations between learning-rate decays; 0: none", example = "0", defaultValue = "0")
        Integer lrDecayEvery,

        @Schema(
                description = "Linear warm-up iterations before the cosine schedule (needs minLearningRate)",
                example = "0",
                defaultValue = "0")
        Integer warmupIterations,

        @Schema(
                description = "Cosine schedule (nanoGPT) from learningRate down to this at the last iteration; "
                        + "absent: no cosine schedule",
                example = "0.0001")
        Double minLearningRate,

        @Schema(
                description = "Clip every gradient entry to [-gradClip, gradClip]; 0: none. Default 5 (the "
                        + "reference's), or 0 when gradNormClip is given",
                example = "5")
        Double gradClip,

        @Schema(
                description = "Clip the global gradient norm to this (PyTorch's clip_grad_norm_); 0: none",
                example = "0",
                defaultValue = "0")
        Double gradNormClip,

        @Schema(
                description =
                        "Arithmetic precision: float64 (the reference's; exact against PyTorch's double run) or float32"
                                + " (PyTorch's model in float, about twice as fast)",
                allowableValues = {"float64", "float32"},
                example = "float64",
                defaultValue = "float64")
        String precision,

        @Schema(
                description = "End the run (SUCCEEDED, stopReason EARLY_STOPPED) once its validation loss has not "
                        + "improved by more than minDelta for patience validation points; only with "
                        + "validationFraction > 0")
        @Valid
        EarlyStopping earlyStopping,

        @Schema(
                description =
                        "Fail the run (FAILED, stopReason DIVERGED) when its smooth loss is above this many times "
                                + "its first loss (char-rnn's rule); a non-finite loss always fails it",
                example = "3",
                defaultValue = "" + DEFAULT_DIVERGENCE_FACTOR)
        @DecimalMin(value = "1.0", inclusive = false)
        @DecimalMax("1000000")
        Double divergenceFactor,

        @Schema(
                description = "Threads the run trains on, for the stacked models (any configuration but the "
                        + "reference's vanilla RNN, which trains on one); at most the instance's charrnn.max-threads. "
                        + "The losses and weights are those of one thread, bit for bit",
                example = "1",
                defaultValue = "1")
        @Min(1)
        @Max(StackedTrainer.MAX_THREADS)
        Integer threads) {

    public static final int DEFAULT_EVAL_EVERY = 100;
    public static final double DEFAULT_DIVERGENCE_FACTOR = 3.0;

    /** Without a model configuration or stop rules: the reference model. */
    public RunRequest(
            Integer hiddenSize,
            Integer seqLength,
            Integer numIterations,
            Double learningRate,
            Integer sampleEvery,
            Integer sampleLength,
            Long seed,
            String name,
            String corpus,
            Long corpusId,
            List<Double> sampleTemperatures,
            InitFrom initFrom,
            Boolean resumeOptimizer,
            Double validationFraction,
            Integer evalEvery) {
        this(
                hiddenSize,
                seqLength,
                numIterations,
                learningRate,
                sampleEvery,
                sampleLength,
                seed,
                name,
                corpus,
                corpusId,
                sampleTemperatures,
                initFrom,
                resumeOptimizer,
                validationFraction,
                evalEvery,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** Without continued training: the fields every run has. */
    public RunRequest(
            Integer hiddenSize,
            Integer seqLength,
            Integer numIterations,
            Double learningRate,
            Integer sampleEvery,
            Integer sampleLength,
            Long seed,
            String name,
            String corpus,
            Long corpusId,
            List<Double> sampleTemperatures) {
        this(
                hiddenSize,
                seqLength,
                numIterations,
                learningRate,
                sampleEvery,
                sampleLength,
                seed,
                name,
                corpus,
                corpusId,
                sampleTemperatures,
                null,
                null,
                null,
                null);
    }

    /** The hyperparameters asked for, the reference's defaults for those omitted, with this hidden size. */
    public TrainingConfig config(int hiddenSize) {
        TrainingConfig d = TrainingConfig.defaults();
        return new TrainingConfig(
                hiddenSize,
                or(seqLength, d.seqLength()),
                or(numIterations, d.numIterations()),
                or(learningRate, d.learningRate()),
                or(sampleEvery, d.sampleEvery()),
                or(sampleLength, d.sampleLength()),
                or(seed, d.seed()),
                or(sampleTemperatures, d.sampleTemperatures()));
    }

    /**
     * The model configuration asked for, {@code base}'s values for the fields omitted (the reference
     * configuration's, or a continued run's source's). The two clippings exclude each other: giving one (non-zero)
     * turns the base's other off (as the CLI's --grad-norm-clip does the element-wise clip).
     *
     * @throws IllegalArgumentException naming the first invalid field
     */
    public ModelConfig modelConfig(ModelConfig base) {
        double normClip =
                gradNormClip != null ? gradNormClip : (gradClip != null && gradClip > 0 ? 0.0 : base.gradNormClip());
        double clip = gradClip != null ? gradClip : (gradNormClip != null && gradNormClip > 0 ? 0.0 : base.gradClip());
        ModelConfig.Optimizer chosen = choice("optimizer", optimizer, ModelConfig.Optimizer.class, base.optimizer());
        boolean sameOptimizer = chosen == base.optimizer();
        return new ModelConfig(
                choice("cell", cell, ModelConfig.Cell.class, base.cell()),
                or(layers, base.layers()),
                or(embeddingSize, base.embeddingSize()),
                or(batchSize, base.batchSize()),
                or(dropout, base.dropout()),
                chosen,
                or(weightDecay, sameOptimizer ? base.weightDecay() : 0.0),
                or(momentum, sameOptimizer ? base.momentum() : 0.0),
                or(lrDecay, base.lrDecay()),
                or(lrDecayEvery, base.lrDecayEvery()),
                or(warmupIterations, base.warmupIterations()),
                minLearningRate != null ? minLearningRate : base.minLearningRate(),
                clip,
                normClip,
                choice("precision", precision, ModelConfig.Precision.class, base.precision()));
    }

    /**
     * The threads asked for (1 when omitted) for a run of {@code model}. The reference configuration trains through
     * its own loop, which has no threads to give work to, so more than one is refused rather than silently ignored.
     *
     * @throws IllegalArgumentException naming the field
     */
    public int threads(ModelConfig model) {
        int n = or(threads, 1);
        if (n > 1 && model.isReference()) {
            throw new IllegalArgumentException("threads applies to the stacked models (a cell, layers, batchSize, "
                    + "optimizer, ... other than the reference's); the reference configuration trains on one thread, "
                    + "got " + n);
        }
        return n;
    }

    private static <E extends Enum<E>> E choice(String field, String value, Class<E> type, E fallback) {
        if (value == null) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
                return e;
            }
        }
        String names = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException(field + " must be one of " + names + ", got " + ProblemText.quote(value));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** Exactly one of the two. */
    @Schema(
            name = "InitFrom",
            description = "Where a continued run's initial weights come from: exactly one of " + "runId and modelId")
    public record InitFrom(
            @Schema(description = "A finished run with a checkpoint (its final weights)", example = "1") @Positive
            Long runId,

            @Schema(description = "An imported model (POST /api/models)", example = "1") @Positive
            Long modelId,

            @Schema(
                    description = "With runId: its final weights or those of its best validation point",
                    allowableValues = {"final", "best"},
                    defaultValue = "final")
            String checkpoint) {}

    /** Stop when the validation loss stops improving (counted in validation points, as Keras' patience). */
    @Schema(name = "EarlyStopping")
    public record EarlyStopping(
            @Schema(
                    description = "Validation points in a row without an improvement before the run stops",
                    example = "3")
            @Min(1)
            @Max(1_000_000)
            Integer patience,

            @Schema(
                    description = "An improvement is a validation loss per character below the best so far by more "
                            + "than this",
                    example = "0.001",
                    defaultValue = "0")
            @DecimalMin("0.0")
            @DecimalMax("1000")
            Double minDelta) {}
}
