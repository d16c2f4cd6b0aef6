package dev.charrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.nn.CharRnn;
import dev.charrnn.nn.ReferenceOutputs;
import dev.charrnn.nn.SeedWeights;
import dev.charrnn.nn.Vocabulary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TrainCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    record Result(int exitCode, String out, String err) {
        String lastOutLine() {
            List<String> lines = out.lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    static Result train(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TrainCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static JsonNode json(Path file) throws IOException {
        return JSON.readTree(Files.readAllBytes(file));
    }

    static void assertUsageError(Result r, String... messageParts) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(TrainCommand.USAGE);
        assertThat(r.err())
                .contains("error")
                .contains(messageParts)
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void writesTheReferenceFilesWithTheirShapes() throws IOException {
        Path out = tmp.resolve("run");
        Result r = train("--num-iterations", "400", "--output", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();

        JsonNode losses = json(out.resolve("results/training_losses.json"));
        assertThat(losses.isArray()).isTrue();
        assertThat(losses.size()).isEqualTo(400);
        assertThat(losses.get(0).doubleValue()).isCloseTo(Math.log(24) * 25, org.assertj.core.data.Offset.offset(1.0));

        JsonNode samples = json(out.resolve("results/training_samples.json"));
        assertThat(samples.size()).isEqualTo(2);
        for (int k = 0; k < 2; k++) {
            JsonNode s = samples.get(k);
            assertThat(names(s)).containsExactly("iteration", "loss", "sample");
            assertThat(s.get("iteration").intValue()).isEqualTo(200 * k);
            assertThat(s.get("loss").doubleValue())
                    .isEqualTo(losses.get(200 * k).doubleValue());
            assertThat(s.get("sample").stringValue()).hasSize(100);
        }

        JsonNode generated = json(out.resolve("results/generated_samples.json"));
        assertThat(generated.size()).isEqualTo(5);
        for (int k = 0; k < 5; k++) {
            JsonNode g = generated.get(k);
            assertThat(names(g)).containsExactly("sample_id", "seed_char", "text");
            assertThat(g.get("sample_id").intValue()).isEqualTo(k + 1);
            assertThat(g.get("seed_char").stringValue()).hasSize(1);
            assertThat(g.get("text").stringValue()).hasSize(150);
        }

        JsonNode summary = json(out.resolve("results/summary.json"));
        assertThat(names(summary)).containsExactly("final_loss", "min_loss", "num_steps");
        assertThat(summary.get("num_steps").intValue()).isEqualTo(400);
        assertThat(summary.get("final_loss").doubleValue())
                .isEqualTo(losses.get(399).doubleValue());
        assertThat(summary.get("min_loss").doubleValue())
                .isLessThanOrEqualTo(summary.get("final_loss").doubleValue());

        JsonNode weights = json(out.resolve("checkpoints/models/vanilla_rnn_weights.json"));
        assertThat(names(weights)).containsExactly("Wxh", "Whh", "Why", "bh", "by");
        assertShape(weights.get("Wxh"), 64, 24);
        assertShape(weights.get("Whh"), 64, 64);
        assertShape(weights.get("Why"), 24, 64);
        assertShape(weights.get("bh"), 64, 1);
        assertShape(weights.get("by"), 24, 1);

        var loss = ImageIO.read(out.resolve("images/training_loss.png").toFile());
        assertThat(loss.getWidth()).isEqualTo(dev.charrnn.chart.LossChart.DEFAULT_WIDTH);
        var heatmap =
                ImageIO.read(out.resolve("images/hidden_state_activations.png").toFile());
        assertThat(heatmap.getHeight()).isEqualTo(dev.charrnn.chart.HiddenStateHeatmap.DEFAULT_HEIGHT);

        JsonNode last = JSON.readTree(r.lastOutLine());
        assertThat(names(last))
                .containsExactly("final_loss", "min_loss", "num_steps", "chars_per_second", "training_seconds");
        assertThat(last.get("final_loss").doubleValue())
                .isEqualTo(summary.get("final_loss").doubleValue());
        assertThat(last.get("num_steps").intValue()).isEqualTo(400);
        assertThat(last.get("chars_per_second").doubleValue()).isPositive();

        assertThat(r.err())
                .contains("----\n")
                .contains("iter 0, loss ")
                .contains("iter 200, loss ")
                .contains("iter 400/400 (100%)");
    }

    @Test
    void theSameSeedGivesByteIdenticalFiles() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertThat(train("--num-iterations=300", "--hidden-size=32", "--seed=7", "--output=" + a)
                        .exitCode())
                .isZero();
        assertThat(train("--num-iterations", "300", "--hidden-size", "32", "--seed", "7", "--output", b.toString())
                        .exitCode())
                .isZero();
        List<Path> files = files(a);
        assertThat(files).hasSize(7);
        assertThat(files(b).stream().map(p -> b.relativize(p).toString()).toList())
                .isEqualTo(files.stream().map(p -> a.relativize(p).toString()).toList());
        for (Path f : files) {
            assertThat(Files.readAllBytes(b.resolve(a.relativize(f))))
                    .as(f.toString())
                    .isEqualTo(Files.readAllBytes(f));
        }
        Path c = tmp.resolve("c");
        assertThat(train("--num-iterations", "300", "--hidden-size", "32", "--seed", "8", "--output", c.toString())
                        .exitCode())
                .isZero();
        assertThat(Files.readAllBytes(c.resolve(ResultsWriter.LOSSES_JSON)))
                .isNotEqualTo(Files.readAllBytes(a.resolve(ResultsWriter.LOSSES_JSON)));
    }

    @Test
    void aFullDefaultRun() throws IOException {
        Path out = tmp.resolve("default");
        Result r = train("--output", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(json(out.resolve(ResultsWriter.LOSSES_JSON)).size()).isEqualTo(2000);
        JsonNode samples = json(out.resolve(ResultsWriter.SAMPLES_JSON));
        assertThat(samples.size()).isEqualTo(10);
        assertThat(samples.get(9).get("iteration").intValue()).isEqualTo(1800);
        JsonNode summary = json(out.resolve(ResultsWriter.SUMMARY_JSON));
        assertThat(summary.get("num_steps").intValue()).isEqualTo(2000);
        assertThat(summary.get("final_loss").doubleValue()).isLessThan(Math.log(24) * 25 / 2);
    }

    @Test
    void noSaveWritesNothingButStillPrintsTheSummary() throws IOException {
        Path out = tmp.resolve("nothing");
        Result r = train("--num-iterations", "50", "--no-save", "--output", out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(out).doesNotExist();
        assertThat(JSON.readTree(r.lastOutLine()).get("num_steps").intValue()).isEqualTo(50);
    }

    @Test
    void showWithoutADesktopSaysSoAndSucceeds() {
        Path out = tmp.resolve("shown");
        Result r = train("--num-iterations", "20", "--show", "--output", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("--show: no desktop");
        assertThat(out.resolve(ResultsWriter.LOSS_PNG)).exists();
    }

    @Test
    void helpPrintsUsage() {
        Result r = train("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains("usage: charrnn train")
                .contains("--hidden-size N")
                .contains("default: 64");
        assertThat(train("-h").exitCode()).isZero();
    }

    @Test
    void badFlagsAndValuesExitWithTwo() {
        assertUsageError(train("--hiden-size", "3"), "unrecognized argument: --hiden-size");
        assertUsageError(train("--hidden-size", "abc"), "--hidden-size", "invalid integer");
        assertUsageError(train("--hidden-size"), "expected a value");
        assertUsageError(train("--seq-length", "0"), "--seq-length", "out of range");
        assertUsageError(train("--learning-rate", "-1"), "--learning-rate");
        assertUsageError(train("--learning-rate=NaN"), "--learning-rate");
        assertUsageError(train("--num-iterations", "1e3"), "--num-iterations");
        assertUsageError(train("--seed", "-1"), "--seed");
        assertUsageError(train("--no-save=yes"), "--no-save");
        assertUsageError(train("extra"), "unrecognized argument: extra");
    }

    @Test
    void anOutputThatIsAFileFailsBeforeTraining() throws IOException {
        Path file = Files.writeString(tmp.resolve("taken"), "x");
        Result r = train("--output", file.toString());
        assertUsageError(r, "--output", "not a directory");
        assertThat(r.err()).doesNotContain("----");
    }

    @Test
    void unusableCorporaExitWithTwo() throws IOException {
        assertUsageError(train("--corpus", tmp.resolve("missing.txt").toString()), "no such file");
        Path latin1 = Files.write(tmp.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', 'x'});
        assertUsageError(train("--corpus", latin1.toString()), "not valid UTF-8", "offset 3");
        Path shortText = Files.writeString(tmp.resolve("short.txt"), "hello");
        assertUsageError(train("--corpus", shortText.toString()), "5 characters", "--seq-length 25", "at least 26");
        Path oneChar = Files.writeString(tmp.resolve("one.txt"), "a".repeat(100));
        assertUsageError(train("--corpus", oneChar.toString()), "1 distinct");
    }

    @Test
    void aCorpusFileWithNonBmpCharactersTrainsAndFallsBackToItsOwnProbe() throws IOException {
        Path corpus = Files.writeString(tmp.resolve("emoji.txt"), "ab\uD83D\uDE00cd\r\n".repeat(40));
        Path out = tmp.resolve("emoji");
        Result r = train(
                "--corpus",
                corpus.toString(),
                "--num-iterations",
                "30",
                "--hidden-size",
                "8",
                "--output",
                out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("data has 240 characters, 6 unique");
        assertShape(json(out.resolve(ResultsWriter.WEIGHTS_JSON)).get("Wxh"), 8, 6);
        assertThat(ReferenceOutputs.probe(Vocabulary.of("xyz"), () -> "xyz")).isEqualTo("xyz");
    }

    @Test
    void initWeightsWithTheWrongShapesNameBothShapes() throws IOException {
        Path weights = tmp.resolve("wrong.json");
        try (OutputStream o = Files.newOutputStream(weights)) {
            SeedWeights.write(new CharRnn(64, 30), o);
        }
        Result r = train(
                "--init-weights",
                weights.toString(),
                "--output",
                tmp.resolve("x").toString());
        assertUsageError(r, "Wxh 64x30", "Why 30x64", "Wxh 64x24", "Why 24x64", "V=24");
        assertThat(tmp.resolve("x")).doesNotExist();

        Path garbage = Files.writeString(tmp.resolve("garbage.json"), "{\"Wxh\": 3");
        assertUsageError(train("--init-weights", garbage.toString()), "--init-weights");
        assertUsageError(train("--init-weights", tmp.resolve("none.json").toString()), "no such file");
    }

    @Test
    void initWeightsFixTheHiddenSizeAndAreTrainedFrom() throws IOException {
        CharRnn init = new CharRnn(16, 24);
        for (int i = 0; i < init.Wxh.length; i++) {
            init.Wxh[i] = Math.sin(i) * 0.01;
        }
        Path weights = tmp.resolve("init.json");
        Files.write(weights, SeedWeights.toBytes(init));
        Path out = tmp.resolve("fromInit");
        Result r = train("--init-weights", weights.toString(), "--num-iterations", "10", "--output", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertShape(json(out.resolve(ResultsWriter.WEIGHTS_JSON)).get("Whh"), 16, 16);

        assertUsageError(
                train("--init-weights", weights.toString(), "--hidden-size", "64"),
                "Wxh 16x24",
                "Wxh 64x24",
                "--hidden-size 64");
    }

    private static void assertShape(JsonNode matrix, int rows, int cols) {
        assertThat(matrix.size()).isEqualTo(rows);
        for (JsonNode row : matrix) {
            assertThat(row.size()).isEqualTo(cols);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
