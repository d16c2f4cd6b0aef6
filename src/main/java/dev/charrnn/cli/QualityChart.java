package dev.charrnn.cli;

import dev.charrnn.chart.CompareChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench quality-chart OUT.png RUN.jsonl...}: the quality-per-minute curves of several runs on one chart,
 * validation loss (dashed) and training loss against training seconds. Each file holds what {@code bench quality} or
 * {@code torch_charlm.py} printed: a line per evaluation, then a summary that names the run.
 */
final class QualityChart {
    static final String USAGE = "usage: bench quality-chart OUT.png RUN.jsonl [RUN.jsonl ...]";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private QualityChart() {}

    static int run(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("need an output file and at least one run");
        }
        List<CompareChart.Curve> curves = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            curves.add(curve(Path.of(args[i])));
        }
        Files.write(
                Path.of(args[0]),
                CompareChart.png(curves, "training seconds", CompareChart.DEFAULT_WIDTH, CompareChart.DEFAULT_HEIGHT));
        return 0;
    }

    private static CompareChart.Curve curve(Path file) throws IOException {
        List<JsonNode> points = new ArrayList<>();
        String label = file.getFileName().toString();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            if (n.has("val_loss_per_char")) {
                points.add(n);
            } else if (n.has("impl")) {
                label = n.get("impl").asString() + " " + n.get("cell").asString() + " "
                        + n.get("layers").asInt()
                        + " x " + n.get("hidden").asInt() + ", best "
                        + String.format(
                                java.util.Locale.ROOT,
                                "%.4f",
                                n.get("best_val_loss_per_char").asDouble());
            }
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no evaluation lines");
        }
        double[] x = new double[points.size()];
        double[] train = new double[points.size()];
        double[] val = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i).get("seconds").asDouble();
            train[i] = points.get(i).get("train_loss_per_char").asDouble();
            val[i] = points.get(i).get("val_loss_per_char").asDouble();
        }
        return new CompareChart.Curve(label, x, train, x, val);
    }
}
