package dev.charrnn.cli;

import static dev.charrnn.cli.TrainCommandTest.assertUsageError;
import static dev.charrnn.cli.TrainCommandTest.json;
import static dev.charrnn.cli.TrainCommandTest.train;
import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.cli.TrainCommandTest.Result;
import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.ModelConfig.Cell;
import dev.charrnn.nn.Rng;
import dev.charrnn.nn.StackedRnn;
import dev.charrnn.nn.TorchStateDict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} with the model options: the same files for every model, PyTorch's weights format, errors by flag. */
class StackedTrainCommandTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void anLstmRunWritesEveryFileAndPyTorchWeights() throws IOException {
        Path out = tmp.resolve("lstm");
        Result r = train(
                "--cell",
                "lstm",
                "--layers",
                "2",
                "--hidden-size",
                "12",
                "--batch-size",
                "4",
                "--seq-length",
                "10",
                "--num-iterations",
                "30",
                "--sample-every",
                "10",
                "--optimizer",
                "adam",
                "--learning-rate",
                "0.01",
                "--grad-norm-clip",
                "5",
                "--dropout",
                "0.1",
                "--output",
                out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("lstm 2 x 12, V=24, one-hot, batch 4, adam");
        for (String f : new String[] {
            ResultsWriter.LOSS_PNG,
            ResultsWriter.HEATMAP_PNG,
            ResultsWriter.LOSSES_JSON,
            ResultsWriter.SAMPLES_JSON,
            ResultsWriter.GENERATED_JSON,
            ResultsWriter.SUMMARY_JSON
        }) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        assertThat(json(out.resolve(ResultsWriter.LOSSES_JSON)).size()).isEqualTo(30);
        assertThat(json(out.resolve(ResultsWriter.SAMPLES_JSON)).size()).isEqualTo(3);
        assertThat(json(out.resolve(ResultsWriter.GENERATED_JSON)).size()).isEqualTo(5);
        assertThat(out.resolve(ResultsWriter.WEIGHTS_JSON)).doesNotExist();
        StackedRnn weights;
        try (InputStream in = Files.newInputStream(out.resolve("checkpoints/models/lstm_weights.json"))) {
            weights = TorchStateDict.read(in);
        }
        assertThat(weights.describe()).isEqualTo("lstm 2 x 12, V=24, one-hot");
        assertThat(r.lastOutLine()).startsWith("{\"final_loss\":");
    }

    @Test
    void aStateDictStartsTheRunAndFixesTheHiddenSize() throws IOException {
        ModelConfig gru = ModelConfig.reference().withCell(Cell.GRU).withEmbeddingSize(5);
        Path init = tmp.resolve("gru.json");
        Files.write(init, TorchStateDict.toBytes(StackedRnn.randomInit(gru, 7, 24, new Rng(1))));
        Path out = tmp.resolve("gru");
        Result r = train(
                "--cell",
                "gru",
                "--embedding-size",
                "5",
                "--init-weights",
                init.toString(),
                "--num-iterations",
                "5",
                "--output",
                out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("gru 1 x 7, V=24, embedding 5");

        assertUsageError(
                train("--cell", "lstm", "--init-weights", init.toString()), "holds a gru 1 x 7", "need a lstm 1 x 7");
    }

    @Test
    void aFloat32RunWritesWeightsThatAreFloats() throws IOException {
        Path out = tmp.resolve("gru32");
        Result r = train(
                "--cell",
                "gru",
                "--hidden-size",
                "9",
                "--batch-size",
                "3",
                "--num-iterations",
                "12",
                "--optimizer",
                "adam",
                "--learning-rate",
                "0.01",
                "--precision",
                "float32",
                "--output",
                out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        StackedRnn weights;
        try (InputStream in = Files.newInputStream(out.resolve("checkpoints/models/gru_weights.json"))) {
            weights = TorchStateDict.read(in);
        }
        for (double[] a : weights.arrays()) {
            for (double x : a) {
                assertThat((double) (float) x).isEqualTo(x);
            }
        }
    }

    @Test
    void benchTimesAFloat32ModelOnTwoThreads() throws IOException {
        Path corpus = tmp.resolve("corpus.txt");
        Files.writeString(corpus, dev.charrnn.nn.DefaultCorpus.TEXT);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = BenchCommand.run(
                new String[] {
                    "--corpus",
                    corpus.toString(),
                    "--cell",
                    "lstm",
                    "--hidden-size",
                    "8",
                    "--batch-size",
                    "4",
                    "--seq-length",
                    "10",
                    "--num-iterations",
                    "3",
                    "--warmup-iterations",
                    "1",
                    "--precision",
                    "float32",
                    "--threads",
                    "2"
                },
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(code)
                .as(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .isZero();
        Path printed = tmp.resolve("bench.json");
        Files.writeString(
                printed, out.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
        var line = json(printed);
        assertThat(line.get("precision").asString()).isEqualTo("float32");
        assertThat(line.get("threads").asInt()).isEqualTo(2);
        assertThat(line.get("iters").asInt()).isEqualTo(3);
        assertThat(line.get("chars_per_s").asDouble()).isPositive();
    }

    @Test
    void twoThreadsWriteTheFilesOfOne() throws IOException {
        String[] lstm = {
            "--cell", "lstm", "--hidden-size", "32", "--batch-size", "4", "--seq-length", "16", "--num-iterations",
            "30", "--sample-every", "10", "--optimizer", "adam", "--learning-rate", "0.01", "--dropout", "0.1"
        };
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        Result r1 = train(with(lstm, "--threads", "1", "--output", one.toString()));
        Result r2 = train(with(lstm, "--threads", "2", "--output", two.toString()));
        assertThat(r1.exitCode()).as(r1.err()).isZero();
        assertThat(r2.exitCode()).as(r2.err()).isZero();
        assertThat(r2.err()).contains("2 threads");
        for (String f : new String[] {
            ResultsWriter.LOSSES_JSON,
            ResultsWriter.SAMPLES_JSON,
            ResultsWriter.GENERATED_JSON,
            ResultsWriter.SUMMARY_JSON,
            "checkpoints/models/lstm_weights.json"
        }) {
            assertThat(Files.readAllBytes(two.resolve(f))).as(f).isEqualTo(Files.readAllBytes(one.resolve(f)));
        }
    }

    @Test
    void threadsAreForTheStackedModelsWithinTheirBounds() {
        assertUsageError(train("--threads", "2"), "argument --threads", "reference model trains on one thread");
        assertUsageError(train("--cell", "lstm", "--threads", "0"), "argument --threads", "out of range (1..64)");
        assertUsageError(train("--cell", "lstm", "--threads", "65"), "argument --threads", "out of range (1..64)");
        assertThat(train("--help").out()).contains("--threads N");
    }

    private static String[] with(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void badModelOptionsNameTheirFlag() {
        assertUsageError(train("--cell", "transformer"), "argument --cell", "choose from rnn, lstm, gru");
        assertUsageError(train("--cell", "lstm", "--layers", "9"), "argument --layers", "1..4");
        assertUsageError(train("--cell", "lstm", "--dropout", "1"), "argument --dropout");
        assertUsageError(train("--optimizer", "sgd", "--weight-decay", "0.1"), "argument --weight-decay", "adam only");
        assertUsageError(train("--grad-clip", "5", "--grad-norm-clip", "5"), "argument --grad-norm-clip");
        assertUsageError(
                train("--cell", "gru", "--batch-size", "256", "--seq-length", "25"),
                "--batch-size 256",
                "at least 6656");
        assertUsageError(train("--batch-size", "x"), "argument --batch-size", "invalid integer");
    }
}
