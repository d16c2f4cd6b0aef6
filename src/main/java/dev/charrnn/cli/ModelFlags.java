package dev.charrnn.cli;

import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.ModelConfig.Cell;
import dev.charrnn.nn.ModelConfig.Optimizer;
import dev.charrnn.nn.ModelConfig.Precision;
import java.util.List;
import java.util.Locale;

/**
 * The model flags {@code train} and {@code bench} share, one per {@link ModelConfig} field ({@code --batch-size}
 * for batchSize ...). Values are collected, then {@link #build()} makes the one validated value; the defaults are
 * the reference configuration's.
 */
final class ModelFlags {
    static final List<String> FLAGS = List.of(
            "--cell",
            "--layers",
            "--embedding-size",
            "--batch-size",
            "--dropout",
            "--optimizer",
            "--weight-decay",
            "--momentum",
            "--lr-decay",
            "--lr-decay-every",
            "--warmup-iterations",
            "--min-learning-rate",
            "--grad-clip",
            "--grad-norm-clip",
            "--precision");

    static final String USAGE = String.join(
            "\n",
            "model (defaults: the reference's vanilla RNN, batch 1, Adagrad, element-wise clip 5, float64):",
            "  --cell rnn|lstm|gru   recurrent cell (default: rnn)",
            "  --layers N            stacked layers, 1.." + ModelConfig.MAX_LAYERS + " (default: 1)",
            "  --embedding-size N    learned input embedding of N; 0 = one-hot input (default: 0)",
            "  --batch-size N        parallel streams, 1.." + ModelConfig.MAX_BATCH_SIZE + " (default: 1)",
            "  --dropout P           inverted dropout between layers and before the output, 0 <= P < 1 (default: 0)",
            "  --optimizer NAME      adagrad|adam|rmsprop|sgd, as PyTorch defines them (default: adagrad)",
            "  --weight-decay X      adam only: decoupled weight decay (AdamW) (default: 0)",
            "  --momentum X          sgd only (default: 0)",
            "  --lr-decay X          multiply the learning rate by X every --lr-decay-every iterations",
            "  --lr-decay-every N    (default: 0, no decay)",
            "  --warmup-iterations N linear warm-up, then cosine to --min-learning-rate",
            "  --min-learning-rate X cosine schedule down to X at the last iteration",
            "  --grad-clip C         clip every gradient entry to [-C, C]; 0 = none (default: 5)",
            "  --grad-norm-clip C    clip the global gradient norm to C (PyTorch's clip_grad_norm_); sets",
            "                        --grad-clip to 0 unless given",
            "  --precision P         float64 (default) or float32 (stacked models: about twice as fast)");

    private Cell cell = Cell.RNN;
    private int layers = 1;
    private int embeddingSize;
    private int batchSize = 1;
    private double dropout;
    private Optimizer optimizer = Optimizer.ADAGRAD;
    private double weightDecay;
    private double momentum;
    private double lrDecay = 1.0;
    private int lrDecayEvery;
    private int warmupIterations;
    private Double minLearningRate;
    private Double gradClip;
    private double gradNormClip;
    private Precision precision = Precision.FLOAT64;

    static boolean isModelFlag(String flag) {
        return FLAGS.contains(flag);
    }

    void set(String flag, String value) throws UsageException {
        switch (flag) {
            case "--cell" -> cell = choice(flag, value, Cell.class);
            case "--layers" -> layers = integer(flag, value);
            case "--embedding-size" -> embeddingSize = integer(flag, value);
            case "--batch-size" -> batchSize = integer(flag, value);
            case "--dropout" -> dropout = number(flag, value);
            case "--optimizer" -> optimizer = choice(flag, value, Optimizer.class);
            case "--weight-decay" -> weightDecay = number(flag, value);
            case "--momentum" -> momentum = number(flag, value);
            case "--lr-decay" -> lrDecay = number(flag, value);
            case "--lr-decay-every" -> lrDecayEvery = integer(flag, value);
            case "--warmup-iterations" -> warmupIterations = integer(flag, value);
            case "--min-learning-rate" -> minLearningRate = number(flag, value);
            case "--grad-clip" -> gradClip = number(flag, value);
            case "--grad-norm-clip" -> gradNormClip = number(flag, value);
            case "--precision" -> precision = choice(flag, value, Precision.class);
            default -> throw new UsageException("unrecognized argument: " + flag);
        }
    }

    /** The validated configuration; an invalid field is reported under its flag. */
    ModelConfig build() throws UsageException {
        double clip = gradClip != null ? gradClip : (gradNormClip > 0 ? 0.0 : ModelConfig.REFERENCE_GRAD_CLIP);
        try {
            return new ModelConfig(
                    cell,
                    layers,
                    embeddingSize,
                    batchSize,
                    dropout,
                    optimizer,
                    weightDecay,
                    momentum,
                    lrDecay,
                    lrDecayEvery,
                    warmupIterations,
                    minLearningRate,
                    clip,
                    gradNormClip,
                    precision);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int space = message.indexOf(' ');
            String field = space > 0 ? message.substring(0, space) : message;
            throw new UsageException("argument " + flagOf(field) + ": " + message.substring(space + 1));
        }
    }

    /** batchSize -> --batch-size. */
    static String flagOf(String field) {
        return "--" + field.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E choice(String flag, String value, Class<E> type) throws UsageException {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder names = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                names.append(names.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw new UsageException(
                    "argument " + flag + ": invalid choice: '" + value + "' (choose from " + names + ")");
        }
    }

    private static int integer(String flag, String value) throws UsageException {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("argument " + flag + ": invalid integer value: '" + value + "'");
        }
    }

    private static double number(String flag, String value) throws UsageException {
        try {
            double v = Double.parseDouble(value.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("argument " + flag + ": invalid number: '" + value + "'");
        }
    }
}
