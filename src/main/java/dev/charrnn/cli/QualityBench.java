package dev.charrnn.cli;

import dev.charrnn.nn.StackedInference;
import dev.charrnn.nn.StackedTrainer;
import dev.charrnn.nn.Trainer;
import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.nn.Vocabulary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench quality}: the quality-per-minute figure. Trains a stacked model for {@code --seconds} of training time
 * the way {@code torch_charlm.py} does (the last {@code --val-fraction} of the text held out, its first
 * {@code --val-chars} scored every {@code --eval-every} iterations, the scoring's own time not counted), printing
 * one JSON line per evaluation and a summary with torch_charlm.py's keys, so the two curves can be drawn on one
 * chart ({@code --seconds 0} scores the initial model alone). No warm-up: the JIT's compilation counts against the clock, as a user's run would feel it.
 */
final class QualityBench {
    static final String USAGE = "usage: bench quality --corpus FILE [--seconds 300] [--val-fraction 0.1]"
            + " [--val-chars 100000] [--eval-every 200] [bench's options: --hidden-size, --seq-length,"
            + " --learning-rate, --seed, --threads, model options]";

    private QualityBench() {}

    static int run(String[] args, PrintStream out) throws IOException {
        double seconds = 300;
        double valFraction = 0.1;
        int valChars = 100_000;
        int evalEvery = 200;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean own = a.equals("--seconds")
                    || a.equals("--val-fraction")
                    || a.equals("--val-chars")
                    || a.equals("--eval-every");
            if (!own) {
                rest.add(a);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + a);
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--seconds" -> seconds = Double.parseDouble(v);
                    case "--val-fraction" -> valFraction = Double.parseDouble(v);
                    case "--val-chars" -> valChars = Integer.parseInt(v);
                    default -> evalEvery = Integer.parseInt(v);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(a + " needs a number, got " + v);
            }
        }
        if (!(seconds >= 0) || !(valFraction > 0 && valFraction < 1) || valChars < 2 || evalEvery < 1) {
            throw new IllegalArgumentException(
                    "need --seconds >= 0, 0 < --val-fraction < 1, --val-chars >= 2, --eval-every >= 1");
        }
        BenchCommand.Options o = BenchCommand.Options.parse(rest.toArray(String[]::new));
        if (o == null) {
            out.println(USAGE);
            return 0;
        }
        if (o.model.isReference()) {
            throw new IllegalArgumentException("bench quality trains the stacked models: give model options");
        }
        String text = Files.readString(o.corpus, StandardCharsets.UTF_8);
        // The vocabulary of the whole text, as torch_charlm.py builds it, so every held-out character has an index.
        Vocabulary vocab = Vocabulary.of(text);
        int[] ids = vocab.encode(text);
        int nVal = (int) (ids.length * valFraction);
        int[] train = Arrays.copyOfRange(ids, 0, ids.length - nVal);
        int[] val = Arrays.copyOfRange(ids, ids.length - nVal, Math.min(ids.length, ids.length - nVal + valChars));

        TrainingConfig config = new TrainingConfig(
                o.hiddenSize,
                o.seqLength,
                Integer.MAX_VALUE,
                o.learningRate,
                Integer.MAX_VALUE,
                0,
                o.seed,
                List.of(1.0));
        double best = Double.POSITIVE_INFINITY;
        int bestIteration = 0;
        double trainSum = 0;
        int trainN = 0;
        long evalNanos = 0;
        long t0 = System.nanoTime();
        try (StackedTrainer trainer = StackedTrainer.start(config, o.model, vocab, train, null, null, o.threads)) {
            while ((System.nanoTime() - t0 - evalNanos) * 1e-9 < seconds) {
                Trainer.Step step = trainer.next();
                trainSum += step.loss() / o.seqLength;
                trainN++;
                if (trainer.iteration() % evalEvery == 0) {
                    long e0 = System.nanoTime();
                    double v = valLoss(trainer, val);
                    evalNanos += System.nanoTime() - e0;
                    if (v < best) {
                        best = v;
                        bestIteration = trainer.iteration();
                    }
                    out.println(String.format(
                            Locale.ROOT,
                            "{\"iteration\": %d, \"seconds\": %.2f, \"train_loss_per_char\": %s,"
                                    + " \"val_loss_per_char\": %s}",
                            trainer.iteration(),
                            (System.nanoTime() - t0 - evalNanos) * 1e-9,
                            trainSum / trainN,
                            v));
                    out.flush();
                    trainSum = 0;
                    trainN = 0;
                }
            }
            double trainSeconds = (System.nanoTime() - t0 - evalNanos) * 1e-9;
            int n = trainer.iteration();
            double last = valLoss(trainer, val);
            if (last < best) {
                best = last;
                bestIteration = n;
            }
            out.println(String.format(
                    Locale.ROOT,
                    "{\"impl\": \"java\", \"cell\": \"%s\", \"layers\": %d, \"hidden\": %d, \"batch\": %d,"
                            + " \"seq\": %d, \"threads\": %d, \"precision\": \"%s\", \"iters\": %d,"
                            + " \"seconds\": %s, \"chars_per_s\": %s, \"best_val_loss_per_char\": %s,"
                            + " \"best_val_iteration\": %d, \"final_val_loss_per_char\": %s}",
                    o.model.cell().name().toLowerCase(Locale.ROOT),
                    o.model.layers(),
                    o.hiddenSize,
                    o.model.batchSize(),
                    o.seqLength,
                    o.threads,
                    o.model.precision().name().toLowerCase(Locale.ROOT),
                    n,
                    trainSeconds,
                    (double) n * o.seqLength * o.model.batchSize() / trainSeconds,
                    best,
                    bestIteration,
                    last));
        }
        return 0;
    }

    /** torch_charlm.py's evaluate(): from a zero state, nats per predicted held-out character. */
    private static double valLoss(StackedTrainer trainer, int[] val) {
        return new StackedInference(trainer.model()).evaluate(val).lossPerChar();
    }
}
