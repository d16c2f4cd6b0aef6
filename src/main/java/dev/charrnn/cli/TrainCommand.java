package dev.charrnn.cli;

import dev.charrnn.nn.CharRnn;
import dev.charrnn.nn.Evaluation;
import dev.charrnn.nn.ReferenceOutputs;
import dev.charrnn.nn.Trainer.Step;
import dev.charrnn.nn.Trainer.TrainingSample;
import dev.charrnn.nn.Trainer;
import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.nn.Vocabulary;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code charrnn train ...}: the reference script as a command. Trains, prints progress and samples on stderr,
 * writes the reference's files under {@code --output} and prints one JSON summary line last on stdout.
 * Plain Java: no Spring context is started.
 *
 * <p>Exit status: 0 success, 1 failure while training or writing, 2 bad arguments or input files.
 */
public final class TrainCommand {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private TrainCommand() {
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err, System.console() != null);
    }

    /**
     * @param interactive whether stderr is a terminal (progress redrawn in place) or a log (periodic lines)
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean interactive) {
        TrainOptions options;
        try {
            options = TrainOptions.parse(args);
        } catch (UsageException e) {
            err.println(TrainOptions.USAGE.lines().limit(4).reduce((a, b) -> a + "\n" + b).orElse(""));
            err.println("charrnn train: error: " + e.getMessage());
            return USAGE;
        }
        if (options.help()) {
            out.println(TrainOptions.USAGE);
            return OK;
        }
        if (!options.show() && System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try {
            return train(options, out, err, interactive);
        } catch (UsageException e) {
            err.println("charrnn train: error: " + e.getMessage());
            return USAGE;
        } catch (IOException | UncheckedIOException e) {
            err.println("charrnn train: error: " + e.getMessage());
            return FAILURE;
        } catch (RuntimeException | OutOfMemoryError e) {
            err.println("charrnn train: failed: " + e);
            return FAILURE;
        }
    }

    private static int train(TrainOptions options, PrintStream out, PrintStream err, boolean interactive)
            throws UsageException, IOException {
        String text = TrainInputs.corpus(options.corpus());
        Vocabulary vocabulary = Vocabulary.of(text);
        TrainInputs.checkCorpus(text, vocabulary, options.seqLength(), options.corpus());
        CharRnn initial = null;
        if (options.initWeights() != null) {
            initial = TrainInputs.initialWeights(options.initWeights(), vocabulary.size(), options.hiddenSize(),
                    options.hiddenSizeGiven());
            options = options.withHiddenSize(initial.H);
        }
        if (!options.noSave()) {
            TrainInputs.outputDirectory(options.output());
        }
        int[] data = vocabulary.encode(text);
        TrainingConfig config = options.config();
        err.printf("data has %d characters, %d unique; hidden size %d, %,d parameters%n", data.length,
                vocabulary.size(), config.hiddenSize(), CharRnn.parameterCount(config.hiddenSize(),
                        vocabulary.size()));

        Trainer trainer = Trainer.start(config, vocabulary, data, initial, null);
        double[] smoothLosses = new double[config.numIterations()];
        List<TrainingSample> samples = new ArrayList<>();
        ProgressReporter progress = new ProgressReporter(err, interactive, config.numIterations(),
                config.seqLength(), System::nanoTime);
        long t0 = System.nanoTime();
        progress.start();
        while (trainer.hasNext()) {
            Step step = trainer.next();
            smoothLosses[step.iteration()] = step.smoothLoss();
            samples.addAll(step.samples());
            progress.step(step);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        progress.finish();

        var generated = ReferenceOutputs.closingSamples(trainer);
        String probe = ReferenceOutputs.probe(vocabulary, () -> text);
        double[][] activations = Evaluation.hiddenStates(trainer.model(), vocabulary.encode(probe));
        TrainResults run = new TrainResults(vocabulary, config.seqLength(), smoothLosses, samples, generated,
                trainer.model(), probe, activations, seconds);

        List<Path> images = List.of();
        if (!options.noSave()) {
            try {
                images = ResultsWriter.writeAll(options.output(), run);
            } catch (IOException e) {
                throw new IOException("cannot write the results under " + options.output() + ": " + e, e);
            }
            err.println("results written to " + options.output().toAbsolutePath().normalize());
        } else if (options.show()) {
            Path tmp = Files.createTempDirectory("charrnn-");
            images = ResultsWriter.writeImages(tmp, run);
            err.println("--no-save: charts for --show rendered under " + tmp);
        }
        if (options.show()) {
            ImageViewer.open(images, err);
        }
        out.println(ResultsWriter.stdoutSummary(run));
        out.flush();
        return OK;
    }
}
