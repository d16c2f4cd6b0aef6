package dev.charrnn.cli;

import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.StackedTrainer;
import dev.charrnn.nn.TrainingConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code train} command line, parsed: the reference script's flags and defaults plus {@code --corpus},
 * {@code --output} and {@code --init-weights}. Accepts {@code --flag value} and {@code --flag=value}.
 *
 * @param hiddenSizeGiven whether --hidden-size was on the command line (with --init-weights the file decides H,
 *     and an explicit different value is an error)
 * @param corpus null for the built-in corpus
 * @param initWeights null for random initial weights
 * @param model the model flags ({@link ModelFlags}); the reference configuration unless given
 * @param threads threads a stacked model trains on (the bits do not depend on them); 1 for the reference model
 */
record TrainOptions(
        int hiddenSize,
        boolean hiddenSizeGiven,
        int seqLength,
        int numIterations,
        double learningRate,
        int sampleEvery,
        int sampleLength,
        long seed,
        boolean noSave,
        boolean show,
        Path corpus,
        Path output,
        Path initWeights,
        ModelConfig model,
        int threads,
        boolean help) {

    static final String DEFAULT_OUTPUT = "charrnn-output";
    static final int MAX_HIDDEN_SIZE = 4096;
    static final int MAX_SEQ_LENGTH = 100_000;
    static final int MAX_SAMPLE_LENGTH = 1_000_000;

    static final String USAGE = String.join(
            "\n",
            "usage: charrnn train [-h] [--corpus FILE] [--output DIR] [--init-weights FILE]",
            "                     [--hidden-size N] [--seq-length N] [--num-iterations N]",
            "                     [--learning-rate X] [--sample-every N] [--sample-length N]",
            "                     [--seed N] [--threads N] [--no-save] [--show] [model options]",
            "",
            "Trains a character-level model (by default min-char-rnn's vanilla RNN; with the model options an LSTM,",
            "GRU or RNN stack on batches, as PyTorch defines them) and writes its charts, losses, samples and weights.",
            "",
            "options:",
            "  -h, --help            show this help and exit",
            "  --corpus FILE         UTF-8 training text (default: the built-in 2,490-character corpus)",
            "  --output DIR          where to write images/, results/, checkpoints/ (default: ./" + DEFAULT_OUTPUT
                    + ")",
            "  --init-weights FILE   start from these weights (Wxh/Whh/Why/bh/by JSON; PyTorch state_dict JSON for",
            "                        the other models) instead of a random init;",
            "                        their shapes must fit the corpus vocabulary and they fix the hidden size",
            "  --hidden-size N       hidden units, 1.." + MAX_HIDDEN_SIZE + " (default: "
                    + TrainingConfig.DEFAULT_HIDDEN_SIZE + ")",
            "  --seq-length N        characters per truncated-BPTT step, 1.." + MAX_SEQ_LENGTH + " (default: "
                    + TrainingConfig.DEFAULT_SEQ_LENGTH + ")",
            "  --num-iterations N    training iterations, >= 1 (default: " + TrainingConfig.DEFAULT_NUM_ITERATIONS
                    + ")",
            "  --learning-rate X     Adagrad learning rate, > 0 (default: " + TrainingConfig.DEFAULT_LEARNING_RATE
                    + ")",
            "  --sample-every N      print and record a sample every N iterations, >= 1 (default: "
                    + TrainingConfig.DEFAULT_SAMPLE_EVERY + ")",
            "  --sample-length N     characters per training sample, 0.." + MAX_SAMPLE_LENGTH + " (default: "
                    + TrainingConfig.DEFAULT_SAMPLE_LENGTH + ")",
            "  --seed N              random seed, >= 0 (default: " + TrainingConfig.DEFAULT_SEED + ")",
            "  --threads N           threads for the model options' models, 1.." + StackedTrainer.MAX_THREADS
                    + "; the same losses and",
            "                        weights as one thread, sooner (default: 1; the reference model trains on one)",
            "  --no-save             write no files",
            "  --show                open the two charts in the desktop's image viewer",
            "",
            ModelFlags.USAGE,
            "",
            "exit status: 0 success, 1 failure while training or writing, 2 bad arguments or input files");

    private static final List<String> VALUE_FLAGS = List.of(
            "--hidden-size",
            "--seq-length",
            "--num-iterations",
            "--learning-rate",
            "--sample-every",
            "--sample-length",
            "--seed",
            "--corpus",
            "--output",
            "--init-weights",
            "--threads");

    TrainingConfig config() {
        return new TrainingConfig(
                hiddenSize, seqLength, numIterations, learningRate, sampleEvery, sampleLength, seed, List.of(1.0));
    }

    /** Same options with the hidden size the initial weights dictate. */
    TrainOptions withHiddenSize(int h) {
        return new TrainOptions(
                h,
                hiddenSizeGiven,
                seqLength,
                numIterations,
                learningRate,
                sampleEvery,
                sampleLength,
                seed,
                noSave,
                show,
                corpus,
                output,
                initWeights,
                model,
                threads,
                help);
    }

    static TrainOptions parse(String[] args) throws UsageException {
        int hiddenSize = TrainingConfig.DEFAULT_HIDDEN_SIZE;
        boolean hiddenSizeGiven = false;
        int seqLength = TrainingConfig.DEFAULT_SEQ_LENGTH;
        int numIterations = TrainingConfig.DEFAULT_NUM_ITERATIONS;
        double learningRate = TrainingConfig.DEFAULT_LEARNING_RATE;
        int sampleEvery = TrainingConfig.DEFAULT_SAMPLE_EVERY;
        int sampleLength = TrainingConfig.DEFAULT_SAMPLE_LENGTH;
        long seed = TrainingConfig.DEFAULT_SEED;
        boolean noSave = false;
        boolean show = false;
        boolean help = false;
        Path corpus = null;
        Path output = Path.of(DEFAULT_OUTPUT);
        Path initWeights = null;
        ModelFlags modelFlags = new ModelFlags();
        int threads = 1;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg == null) {
                throw new UsageException("null argument");
            }
            String flag = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) {
                flag = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (VALUE_FLAGS.contains(flag) || ModelFlags.isModelFlag(flag)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("argument " + flag + ": expected a value");
                    }
                    value = args[++i];
                }
            } else if (value != null) {
                if (isKnownSwitch(flag)) {
                    throw new UsageException("argument " + flag + ": takes no value");
                }
                throw new UsageException("unrecognized argument: " + arg);
            }
            switch (flag) {
                case "-h", "--help" -> help = true;
                case "--no-save" -> noSave = true;
                case "--show" -> show = true;
                case "--hidden-size" -> {
                    hiddenSize = intIn(flag, value, 1, MAX_HIDDEN_SIZE);
                    hiddenSizeGiven = true;
                }
                case "--seq-length" -> seqLength = intIn(flag, value, 1, MAX_SEQ_LENGTH);
                case "--num-iterations" -> numIterations = intIn(flag, value, 1, Integer.MAX_VALUE);
                case "--learning-rate" -> learningRate = positiveDouble(flag, value);
                case "--sample-every" -> sampleEvery = intIn(flag, value, 1, Integer.MAX_VALUE);
                case "--sample-length" -> sampleLength = intIn(flag, value, 0, MAX_SAMPLE_LENGTH);
                case "--seed" -> seed = longIn(flag, value, 0, Long.MAX_VALUE);
                case "--corpus" -> corpus = path(flag, value);
                case "--output" -> output = path(flag, value);
                case "--init-weights" -> initWeights = path(flag, value);
                case "--threads" -> threads = intIn(flag, value, 1, StackedTrainer.MAX_THREADS);
                default -> {
                    if (!ModelFlags.isModelFlag(flag)) {
                        throw new UsageException("unrecognized argument: " + arg);
                    }
                    modelFlags.set(flag, value);
                }
            }
        }
        ModelConfig model = modelFlags.build();
        if (threads > 1 && model.isReference()) {
            // as the service: the reference's own loop has no threads to give work to, so refuse rather than ignore
            throw new UsageException("argument --threads: applies to the model options' models; the reference "
                    + "model trains on one thread, got " + threads);
        }
        return new TrainOptions(
                hiddenSize,
                hiddenSizeGiven,
                seqLength,
                numIterations,
                learningRate,
                sampleEvery,
                sampleLength,
                seed,
                noSave,
                show,
                corpus,
                output,
                initWeights,
                model,
                threads,
                help);
    }

    private static boolean isKnownSwitch(String flag) {
        return flag.equals("--help") || flag.equals("--no-save") || flag.equals("--show");
    }

    private static int intIn(String flag, String value, int min, int max) throws UsageException {
        return (int) longIn(flag, value, min, max);
    }

    private static long longIn(String flag, String value, long min, long max) throws UsageException {
        long v;
        try {
            v = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("argument " + flag + ": invalid integer value: '" + value + "'");
        }
        if (v < min || v > max) {
            throw new UsageException("argument " + flag + ": " + v + " is out of range (" + min + ".."
                    + (max == Integer.MAX_VALUE || max == Long.MAX_VALUE ? "" : String.valueOf(max)) + ")");
        }
        return v;
    }

    private static double positiveDouble(String flag, String value) throws UsageException {
        double v;
        try {
            v = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("argument " + flag + ": invalid number: '" + value + "'");
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new UsageException("argument " + flag + ": must be a finite number > 0, got " + value);
        }
        return v;
    }

    private static Path path(String flag, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException("argument " + flag + ": expected a path");
        }
        try {
            return Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException("argument " + flag + ": invalid path '" + value + "'");
        }
    }
}
