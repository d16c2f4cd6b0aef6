package dev.charrnn.cli;

import dev.charrnn.nn.CharRnn;
import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.SeedWeights;
import dev.charrnn.nn.StackedRnn;
import dev.charrnn.nn.StackedTrainer;
import dev.charrnn.nn.TorchStateDict;
import dev.charrnn.nn.Trainer;
import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.nn.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench}: times the training loop the way {@code bench/seed_numpy.py} does (same data walk, batch 1, no
 * sampling) and prints one JSON line with the same keys, plus {@code gflops}.
 *
 * <p>A separate trainer warms up first (5 s by default) so the timed run starts at iteration 0 with compiled
 * code; without it the figure includes JIT compilation. {@code --init-weights}, {@code --dump-losses} and
 * {@code --dump-weights} use the seed's JSON formats, so a run can be checked number for number against the
 * numpy reference started from the same weights. {@code bench matmul ...} times the batched cells' matrix products
 * instead ({@link MatmulBench}); {@code bench quality ...} the validation loss reached in a time ({@link QualityBench}).
 *
 * <p>With model options (as {@code train}'s) it times {@link StackedTrainer} instead, the way
 * {@code bench/torch_charlm.py} trains (same loader, no sampling, no evaluation); then {@code --init-weights} and
 * {@code --dump-weights} use PyTorch's state_dict JSON and {@code --dump-losses} writes every iteration's loss, as
 * torch_charlm.py's {@code --dump-losses} does with {@code --reduction seqsum}.
 */
public final class BenchCommand {
    private static final String USAGE = "usage: bench --corpus FILE [--hidden-size 100] [--seq-length 25]"
            + " [--num-iterations 3000] [--warmup-seconds 5 | --warmup-iterations N] [--learning-rate 0.1] [--seed 42]"
            + " [--init-weights W.json] [--dump-losses L.json] [--dump-raw-losses R.json] [--dump-weights W.json]"
            + " [model options: --cell lstm --layers 2 --batch-size 50 --optimizer adam --grad-norm-clip 5"
            + " --precision float32 ...] [--threads 1 (model options only)]";

    private BenchCommand() {}

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0) {
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            switch (args[0]) {
                case "matmul" -> {
                    return sub("matmul", MatmulBench.USAGE, () -> MatmulBench.run(rest, out), err);
                }
                case "quality" -> {
                    return sub("quality", QualityBench.USAGE, () -> QualityBench.run(rest, out), err);
                }
                case "quality-chart" -> {
                    return sub("quality-chart", QualityChart.USAGE, () -> QualityChart.run(rest), err);
                }
                default -> {}
            }
        }
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (o == null) {
            out.println(USAGE);
            return 0;
        }
        try {
            String text = Files.readString(o.corpus, StandardCharsets.UTF_8);
            Vocabulary vocab = Vocabulary.of(text);
            int[] data = vocab.encode(text);
            if (!o.model.isReference()) {
                return benchStacked(o, vocab, data, out);
            }
            CharRnn init = null;
            if (o.initWeights != null) {
                try (InputStream in = Files.newInputStream(o.initWeights)) {
                    init = SeedWeights.read(in, vocab.size());
                }
            }
            int hidden = init != null ? init.H : o.hiddenSize;
            int warmedUp = warmUp(o, hidden, vocab, data, init);
            Trainer trainer = Trainer.start(config(o, hidden, o.iterations), vocab, data, init, null);
            double[] losses = new double[o.iterations];
            double[] rawLosses = new double[o.iterations];
            long t0 = System.nanoTime();
            while (trainer.hasNext()) {
                Trainer.Step step = trainer.next();
                losses[step.iteration()] = step.smoothLoss();
                rawLosses[step.iteration()] = step.loss();
            }
            double seconds = Math.max((System.nanoTime() - t0) * 1e-9, 1e-9);
            if (o.dumpLosses != null) {
                writeList(o.dumpLosses, losses);
            }
            if (o.dumpRawLosses != null) {
                writeList(o.dumpRawLosses, rawLosses);
            }
            if (o.dumpWeights != null) {
                try (OutputStream w = Files.newOutputStream(o.dumpWeights)) {
                    SeedWeights.write(trainer.model(), w);
                }
            }
            int V = vocab.size();
            double chars = (double) o.iterations * o.seqLength;
            // The nominal count: 3H^2 (Whh h, Whh^T dh, dWhh) + 4VH multiply-adds per character, 2 flops each.
            double flopsPerChar = 2.0 * (3.0 * hidden * hidden + 4.0 * V * hidden);
            out.println(String.format(
                    Locale.ROOT,
                    "{\"impl\": \"java\", \"hidden\": %d, \"seq\": %d, \"iters\": %d, \"vocab\": %d,"
                            + " \"warmup_iters\": %d, \"iters_per_s\": %s, \"chars_per_s\": %s, \"gflops\": %s,"
                            + " \"final_smooth_loss\": %s}",
                    hidden,
                    o.seqLength,
                    o.iterations,
                    V,
                    warmedUp,
                    o.iterations / seconds,
                    chars / seconds,
                    chars * flopsPerChar / seconds * 1e-9,
                    trainer.smoothLoss()));
            return 0;
        } catch (IOException e) {
            err.println("bench: " + e);
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            return 2;
        }
    }

    private interface SubCommand {
        int run() throws IOException;
    }

    /** A sub-command's exit status: its own, 2 with its usage for bad options, 1 when it cannot read or write. */
    private static int sub(String name, String usage, SubCommand command, PrintStream err) {
        try {
            return command.run();
        } catch (IllegalArgumentException e) {
            err.println("bench " + name + ": " + e.getMessage());
            err.println(usage);
            return 2;
        } catch (IOException e) {
            err.println("bench " + name + ": " + e);
            return 1;
        }
    }

    private static int benchStacked(Options o, Vocabulary vocab, int[] data, PrintStream out) throws IOException {
        StackedRnn init = null;
        if (o.initWeights != null) {
            try (InputStream in = Files.newInputStream(o.initWeights)) {
                init = TorchStateDict.read(in);
            }
        }
        int hidden = init != null ? init.H : o.hiddenSize;
        int warmedUp;
        try (StackedTrainer warm = StackedTrainer.start(
                config(o, hidden, Integer.MAX_VALUE), o.model, vocab, data, init, null, o.threads)) {
            long deadline = System.nanoTime() + (long) (o.warmupSeconds * 1e9);
            while (o.warmupIterations >= 0 ? warm.iteration() < o.warmupIterations : System.nanoTime() < deadline) {
                warm.next();
            }
            warmedUp = warm.iteration();
        }
        StackedTrainer trainer =
                StackedTrainer.start(config(o, hidden, o.iterations), o.model, vocab, data, init, null, o.threads);
        double[] losses = new double[o.iterations];
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = cpu.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        while (trainer.hasNext()) {
            Trainer.Step step = trainer.next();
            losses[step.iteration()] = step.loss();
        }
        double seconds = Math.max((System.nanoTime() - t0) * 1e-9, 1e-9);
        // CPU time of the training thread alone: on a shared machine, what the core did when it was ours
        double cpuSeconds = Math.max((cpu.getCurrentThreadCpuTime() - c0) * 1e-9, 1e-9);
        trainer.close();
        if (o.dumpLosses != null) {
            writeList(o.dumpLosses, losses);
        }
        if (o.dumpWeights != null) {
            Files.write(o.dumpWeights, TorchStateDict.toBytes(trainer.model()));
        }
        StackedRnn m = trainer.model();
        double chars = (double) o.iterations * o.seqLength * o.model.batchSize();
        out.println(String.format(
                Locale.ROOT,
                "{\"impl\": \"java\", \"cell\": \"%s\", \"layers\": %d, \"hidden\": %d, \"batch\": %d,"
                        + " \"seq\": %d, \"iters\": %d, \"vocab\": %d, \"parameters\": %d, \"warmup_iters\": %d,"
                        + " \"iters_per_s\": %s, \"chars_per_s\": %s, \"gflops\": %s, \"final_smooth_loss\": %s,"
                        + " \"precision\": \"%s\", \"threads\": %d, \"route\": \"%s\", \"cpu_chars_per_s\": %s}",
                m.cell.name().toLowerCase(Locale.ROOT),
                m.layers,
                m.H,
                o.model.batchSize(),
                o.seqLength,
                o.iterations,
                m.V,
                m.parameterCount(),
                warmedUp,
                o.iterations / seconds,
                chars / seconds,
                chars * flopsPerChar(m) / seconds * 1e-9,
                trainer.smoothLoss(),
                o.model.precision().name().toLowerCase(Locale.ROOT),
                o.threads,
                dev.charrnn.nn.Matmul.route(),
                // with helper threads the calling thread's CPU time is not the run's
                o.threads == 1 ? String.valueOf(chars / cpuSeconds) : "null"));
        return 0;
    }

    /**
     * Nominal multiply-add count per character of the stacked model's forward and backward, 2 flops each: per layer
     * G*H*(H + in) forward, twice that backward (the weight gradients and the input/state gradients); the output
     * layer V*H forward and 2*V*H backward. The one-hot first layer's input product is a gather: not counted.
     */
    static double flopsPerChar(StackedRnn m) {
        double GH = (double) m.cell.gates * m.H;
        double macs = 0;
        for (int l = 0; l < m.layers; l++) {
            double in = l == 0 && m.E == 0 ? 0 : m.inputSize(l);
            double dIn = l == 0 ? 0 : in;
            macs += GH * (m.H + in) + GH * (2.0 * m.H + in + dIn);
        }
        return 2.0 * (macs + 3.0 * m.V * m.H);
    }

    /**
     * Trains a throw-away trainer so that the timed run starts with compiled code: for {@code --warmup-iterations}
     * when given, else for {@code --warmup-seconds}. A few thousand iterations at H = 100 are not enough for C2 to
     * compile the whole loop: a short warm-up under-reports the core by half.
     */
    private static int warmUp(Options o, int hidden, Vocabulary vocab, int[] data, CharRnn init) {
        int limit = o.warmupIterations >= 0 ? o.warmupIterations : Integer.MAX_VALUE;
        long deadline = System.nanoTime() + (long) (o.warmupSeconds * 1e9);
        Trainer warm = Trainer.start(config(o, hidden, limit), vocab, data, init, null);
        while (warm.hasNext() && (o.warmupIterations >= 0 || System.nanoTime() < deadline)) {
            warm.next();
        }
        return warm.iteration();
    }

    private static void writeList(Path path, double[] values) throws IOException {
        StringBuilder sb = new StringBuilder(values.length * 20 + 2).append('[');
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(values[i]);
        }
        Files.writeString(path, sb.append(']').toString(), StandardCharsets.UTF_8);
    }

    private static TrainingConfig config(Options o, int hidden, int iterations) {
        // No sampling: the reference benchmark does not sample, and sampling at n = 0 with length 0 costs nothing.
        return new TrainingConfig(
                hidden, o.seqLength, iterations, o.learningRate, Integer.MAX_VALUE, 0, o.seed, List.of(1.0));
    }

    static final class Options {
        Path corpus;
        int hiddenSize = 100;
        int seqLength = 25;
        int iterations = 3000;
        int warmupIterations = -1;
        double warmupSeconds = 5;
        double learningRate = 0.1;
        long seed = TrainingConfig.DEFAULT_SEED;
        Path initWeights;
        Path dumpLosses;
        Path dumpRawLosses;
        Path dumpWeights;
        ModelConfig model = ModelConfig.reference();
        int threads = 1;

        static Options parse(String[] args) {
            Options o = new Options();
            ModelFlags flags = new ModelFlags();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    return null;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--corpus" -> o.corpus = Path.of(v);
                    case "--hidden-size" -> o.hiddenSize = positive(a, v);
                    case "--seq-length" -> o.seqLength = positive(a, v);
                    case "--num-iterations" -> o.iterations = nonNegative(a, v);
                    case "--warmup-iterations" -> o.warmupIterations = nonNegative(a, v);
                    case "--warmup-seconds" -> o.warmupSeconds = number(a, v);
                    case "--learning-rate" -> o.learningRate = number(a, v);
                    case "--seed" -> o.seed = (long) number(a, v);
                    case "--init-weights" -> o.initWeights = Path.of(v);
                    case "--dump-losses" -> o.dumpLosses = Path.of(v);
                    case "--dump-raw-losses" -> o.dumpRawLosses = Path.of(v);
                    case "--dump-weights" -> o.dumpWeights = Path.of(v);
                    case "--threads" -> o.threads = positive(a, v);
                    default -> {
                        if (!ModelFlags.isModelFlag(a)) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        try {
                            flags.set(a, v);
                        } catch (UsageException e) {
                            throw new IllegalArgumentException(e.getMessage());
                        }
                    }
                }
            }
            try {
                o.model = flags.build();
            } catch (UsageException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            if (o.corpus == null) {
                throw new IllegalArgumentException("--corpus is required");
            }
            return o;
        }

        private static int positive(String name, String v) {
            int n = nonNegative(name, v);
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, got " + v);
            }
            return n;
        }

        private static int nonNegative(String name, String v) {
            try {
                int n = Integer.parseInt(v);
                if (n < 0) {
                    throw new IllegalArgumentException(name + " must be >= 0, got " + v);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs an integer, got " + v);
            }
        }

        private static double number(String name, String v) {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs a number, got " + v);
            }
        }
    }
}
