package dev.charrnn.cli;

import dev.charrnn.nn.CharRnn;
import dev.charrnn.nn.Evaluation;
import dev.charrnn.nn.ReferenceOutputs;
import dev.charrnn.nn.SeedWeights;
import dev.charrnn.nn.StackedInference;
import dev.charrnn.nn.StackedRnn;
import dev.charrnn.nn.StackedTrainer;
import dev.charrnn.nn.TorchStateDict;
import dev.charrnn.nn.Trainer;
import dev.charrnn.nn.Trainer.Step;
import dev.charrnn.nn.Trainer.TrainingSample;
import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.nn.TrainingLoop;
import dev.charrnn.nn.Vocabulary;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code charrnn train ...}: the reference script as a command, for the reference model and the stacked ones. Trains, prints progress and samples on stderr,
 * writes the reference's files under {@code --output} and prints one JSON summary line last on stdout.
 * Plain Java: no Spring context is started.
 *
 * <p>Exit status: 0 success, 1 failure while training or writing, 2 bad arguments or input files.
 */
public final class TrainCommand {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private TrainCommand() {}

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
            err.println(TrainOptions.USAGE
                    .lines()
                    .limit(4)
                    .reduce((a, b) -> a + "\n" + b)
                    .orElse(""));
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
        boolean reference = options.model().isReference();
        CharRnn initial = null;
        StackedRnn stackedInitial = null;
        if (options.initWeights() != null && reference) {
            initial = TrainInputs.initialWeights(
                    options.initWeights(), vocabulary.size(), options.hiddenSize(), options.hiddenSizeGiven());
            options = options.withHiddenSize(initial.H);
        } else if (options.initWeights() != null) {
            stackedInitial = TrainInputs.initialStateDict(
                    options.initWeights(),
                    options.model(),
                    vocabulary.size(),
                    options.hiddenSize(),
                    options.hiddenSizeGiven());
            options = options.withHiddenSize(stackedInitial.H);
        }
        if (!reference) {
            TrainInputs.checkStreams(text, options.model().batchSize(), options.seqLength(), options.corpus());
        }
        if (!options.noSave()) {
            TrainInputs.outputDirectory(options.output());
        }
        int[] data = vocabulary.encode(text);
        TrainingConfig config = options.config();
        TrainingLoop trainer;
        if (reference) {
            err.printf(
                    "data has %d characters, %d unique; hidden size %d, %,d parameters%n",
                    data.length,
                    vocabulary.size(),
                    config.hiddenSize(),
                    CharRnn.parameterCount(config.hiddenSize(), vocabulary.size()));
            trainer = Trainer.start(config, vocabulary, data, initial, null);
        } else {
            StackedTrainer stacked = StackedTrainer.start(
                    config, options.model(), vocabulary, data, stackedInitial, null, options.threads());
            err.printf(
                    "data has %d characters, %d unique; %s, batch %d, %s, %,d parameters%s%n",
                    data.length,
                    vocabulary.size(),
                    stacked.model().describe(),
                    options.model().batchSize(),
                    options.model().optimizer().name().toLowerCase(java.util.Locale.ROOT),
                    stacked.model().parameterCount(),
                    options.threads() > 1 ? ", " + options.threads() + " threads" : "");
            trainer = stacked;
        }
        try {
            return train(options, text, vocabulary, config, trainer, out, err, interactive);
        } finally {
            if (trainer instanceof StackedTrainer stacked) {
                stacked.close(); // its helper threads, if it has any
            }
        }
    }

    private static int train(
            TrainOptions options,
            String text,
            Vocabulary vocabulary,
            TrainingConfig config,
            TrainingLoop trainer,
            PrintStream out,
            PrintStream err,
            boolean interactive)
            throws IOException {
        double[] smoothLosses = new double[config.numIterations()];
        List<TrainingSample> samples = new ArrayList<>();
        ProgressReporter progress = new ProgressReporter(
                err,
                interactive,
                config.numIterations(),
                config.seqLength() * options.model().batchSize(),
                System::nanoTime);
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
        int[] probeIx = vocabulary.encode(probe);
        TrainResults run;
        if (trainer instanceof StackedTrainer stacked) {
            StackedRnn model = stacked.model();
            double[][][] states = new StackedInference(model).states(probeIx, false);
            double[][] activations = new double[states.length][];
            for (int t = 0; t < states.length; t++) {
                activations[t] = states[t][model.layers - 1];
            }
            run = new TrainResults(
                    vocabulary,
                    config.seqLength(),
                    options.model().batchSize(),
                    smoothLosses,
                    samples,
                    generated,
                    ResultsWriter.stackedWeightsFile(model),
                    TorchStateDict.toBytes(model),
                    probe,
                    activations,
                    seconds);
        } else {
            CharRnn model = ((Trainer) trainer).model();
            run = new TrainResults(
                    vocabulary,
                    config.seqLength(),
                    1,
                    smoothLosses,
                    samples,
                    generated,
                    ResultsWriter.WEIGHTS_JSON,
                    SeedWeights.toBytes(model),
                    probe,
                    Evaluation.hiddenStates(model, probeIx),
                    seconds);
        }

        List<Path> images = List.of();
        if (!options.noSave()) {
            try {
                images = ResultsWriter.writeAll(options.output(), run);
            } catch (IOException e) {
                throw new IOException("cannot write the results under " + options.output() + ": " + e, e);
            }
            err.println(
                    "results written to " + options.output().toAbsolutePath().normalize());
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
