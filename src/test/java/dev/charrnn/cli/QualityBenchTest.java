package dev.charrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.nn.DefaultCorpus;
import dev.charrnn.nn.StackedInference;
import dev.charrnn.nn.StackedRnn;
import dev.charrnn.nn.TorchStateDict;
import dev.charrnn.nn.Vocabulary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench quality}: a curve of held-out losses while a stacked model trains for a time, then torch_charlm.py's
 * summary; its held-out split and score are those of torch_charlm.py.
 */
class QualityBenchTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void printsAFallingCurveAndASummaryWhoseBestIsTheLowestPoint() throws IOException {
        Path corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, DefaultCorpus.TEXT.repeat(4), StandardCharsets.UTF_8);
        List<JsonNode> lines = run(
                "--corpus",
                corpus.toString(),
                "--seconds",
                "3",
                "--eval-every",
                "20",
                "--cell",
                "gru",
                "--layers",
                "1",
                "--hidden-size",
                "32",
                "--batch-size",
                "4",
                "--seq-length",
                "16",
                "--optimizer",
                "adam",
                "--learning-rate",
                "0.01",
                "--val-chars",
                "500");
        List<JsonNode> points = lines.subList(0, lines.size() - 1);
        JsonNode summary = lines.get(lines.size() - 1);

        assertThat(points).hasSizeGreaterThanOrEqualTo(2);
        double chance = Math.log(Vocabulary.of(DefaultCorpus.TEXT).size());
        assertThat(points.get(0).get("iteration").asInt()).isEqualTo(20);
        double first = points.get(0).get("val_loss_per_char").asDouble();
        assertThat(first).isLessThan(chance);
        double lowest = points.stream()
                .mapToDouble(p -> p.get("val_loss_per_char").asDouble())
                .min()
                .orElseThrow();
        double best = summary.get("best_val_loss_per_char").asDouble();
        assertThat(best).isLessThanOrEqualTo(lowest).isLessThan(first);
        assertThat(summary.get("impl").asString()).isEqualTo("java");
        assertThat(summary.get("cell").asString()).isEqualTo("gru");
        assertThat(summary.get("seconds").asDouble()).isBetween(3.0, 10.0);
        assertThat(summary.get("iters").asInt()).isGreaterThanOrEqualTo(points.size() * 20);
    }

    @Test
    void scoresTheFirstValCharsOfTheLastTenthFromAZeroState() throws IOException {
        String text = DefaultCorpus.TEXT.repeat(2);
        Path corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, text, StandardCharsets.UTF_8);
        Path weights = dir.resolve("w.json");
        String[] model = {
            "--corpus",
            corpus.toString(),
            "--cell",
            "lstm",
            "--layers",
            "1",
            "--hidden-size",
            "8",
            "--batch-size",
            "2",
            "--seq-length",
            "8",
            "--seed",
            "3"
        };
        // no training: the score of the initial weights, which bench draws from the same seed and dumps
        JsonNode summary = run(concat(new String[] {"--seconds", "0", "--val-chars", "300"}, model))
                .get(0);
        assertThat(summary.get("iters").asInt()).isZero();
        assertThat(BenchCommand.run(
                        concat(
                                new String[] {
                                    "--num-iterations",
                                    "0",
                                    "--warmup-iterations",
                                    "0",
                                    "--dump-weights",
                                    weights.toString()
                                },
                                model),
                        print(new ByteArrayOutputStream()),
                        print(new ByteArrayOutputStream())))
                .isZero();
        StackedRnn initial;
        try (InputStream in = Files.newInputStream(weights)) {
            initial = TorchStateDict.read(in);
        }
        int[] ids = Vocabulary.of(text).encode(text);
        int nVal = (int) (ids.length * 0.1);
        int[] val = Arrays.copyOfRange(ids, ids.length - nVal, ids.length - nVal + 300);
        double expected = new StackedInference(initial).evaluate(val).lossPerChar();
        assertThat(summary.get("final_val_loss_per_char").asDouble()).isEqualTo(expected);
        assertThat(summary.get("best_val_loss_per_char").asDouble()).isEqualTo(expected);
    }

    @Test
    void chartsTheCurvesOfBenchQualityAndOfTorchCharlm() throws IOException {
        Path java = dir.resolve("java.jsonl");
        Path torch = dir.resolve("torch.jsonl");
        String point =
                "{\"iteration\": %d, \"seconds\": %d.0, \"train_loss_per_char\": 2.%d, \"val_loss_per_char\": 2.%d}\n";
        Files.writeString(
                java,
                String.format(point, 200, 10, 5, 6) + String.format(point, 400, 20, 3, 4)
                        + "{\"impl\": \"java\", \"cell\": \"lstm\", \"layers\": 2, \"hidden\": 128,"
                        + " \"best_val_loss_per_char\": 2.4}\n");
        Files.writeString(torch, "not json\n" + String.format(point, 200, 12, 6, 7));
        Path png = dir.resolve("q.png");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BenchCommand.run(
                new String[] {"quality-chart", png.toString(), java.toString(), torch.toString()},
                print(new ByteArrayOutputStream()),
                print(err));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "{}\n");
        assertThat(BenchCommand.run(
                        new String[] {"quality-chart", png.toString(), empty.toString()},
                        print(new ByteArrayOutputStream()),
                        print(err)))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("holds no evaluation lines");
    }

    private static List<JsonNode> run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BenchCommand.run(concat(new String[] {"quality"}, args), print(out), print(err));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8).lines().map(JSON::readTree).toList();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
