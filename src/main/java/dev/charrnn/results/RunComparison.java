package dev.charrnn.results;

import dev.charrnn.chart.CompareChart;
import dev.charrnn.runs.RunService;
import dev.charrnn.runs.RunView;
import dev.charrnn.runs.TrainingRun;
import dev.charrnn.system.ApiException;
import dev.charrnn.system.ProblemText;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Several runs side by side: their loss curves on one x grid (iterations or training seconds), so that point k of
 * every run is at the same x, and their configurations with the fields that differ named.
 */
@Service
public class RunComparison {
    static final int MAX_RUNS = 10;
    static final int DEFAULT_POINTS = 500;
    static final int MAX_POINTS = 10_000;

    /** What a run's view says that is not its configuration: results, progress, labels. */
    private static final Set<String> NOT_CONFIGURATION = Set.of(
            "id",
            "name",
            "status",
            "progress",
            "smoothLoss",
            "lossPerChar",
            "queuePosition",
            "summary",
            "createdAt",
            "startedAt",
            "finishedAt",
            "trainingSeconds",
            "error",
            "stopReason",
            "tags",
            "notes");

    private final RunResultsService results;
    private final RunService runs;
    private final JsonMapper json;

    RunComparison(RunResultsService results, RunService runs, JsonMapper json) {
        this.results = results;
        this.runs = runs;
        this.json = json;
    }

    @Schema(name = "RunComparison")
    public record Comparison(
            @Schema(description = "iteration or seconds (training time, excluding the queue)", example = "iteration")
            String x,

            List<Compared> runs,

            @Schema(
                    description = "Configuration fields whose values are not the same in every run",
                    example = "[\"hiddenSize\", \"learningRate\"]")
            List<String> differingFields) {}

    @Schema(name = "ComparedRun")
    public record Compared(
            @Schema(example = "1") long id,

            @Schema(description = "The run's name, or run <id>", example = "h128")
            String label,

            @Schema(example = "SUCCEEDED") String status,

            @Schema(description = "x of each point: on the grid shared by every run, up to this run's end")
            double[] x,

            @Schema(description = "Smooth loss per character (smoothLoss / seqLength) at each x")
            double[] lossPerChar,

            double[] validationX,
            double[] validationLossPerChar,

            @Schema(
                    description =
                            "The run's configuration (hyperparameters, corpus, validation, stop rules, " + "initFrom)")
            Map<String, Object> config) {}

    @Transactional(readOnly = true)
    public Comparison compare(String ids, Integer maxPoints, String x) {
        List<Long> list = ids(ids);
        int points = maxPoints == null ? DEFAULT_POINTS : maxPoints;
        if (points < 2 || points > MAX_POINTS) {
            throw ApiException.badRequest("maxPoints must be between 2 and " + MAX_POINTS + ", got " + points);
        }
        boolean seconds = axis(x);
        List<Curve> curves = new ArrayList<>();
        double end = 0;
        for (long id : list) {
            Curve curve = curve(id, seconds);
            curves.add(curve);
            end = Math.max(end, curve.end());
        }
        double[] grid = grid(end, points, seconds);
        List<String> labels = labels(curves);
        List<Compared> compared = new ArrayList<>();
        List<Map<String, JsonNode>> configs =
                curves.stream().map(c -> configuration(c.view())).toList();
        Map<String, Set<JsonNode>> values = new LinkedHashMap<>();
        configs.forEach(config -> config.keySet().forEach(k -> values.put(k, new LinkedHashSet<>())));
        for (Map<String, JsonNode> config : configs) {
            values.forEach((k, seen) -> seen.add(config.getOrDefault(k, JsonNodeFactory.instance.nullNode())));
        }
        List<String> differing = values.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey)
                .toList();
        for (int i = 0; i < curves.size(); i++) {
            Curve c = curves.get(i);
            double[] xs = c.onGrid(grid);
            Map<String, Object> config = new LinkedHashMap<>(configs.get(i));
            compared.add(new Compared(
                    c.view().id(),
                    labels.get(i),
                    c.view().status().name(),
                    xs,
                    c.valuesAt(xs),
                    c.validationX(),
                    c.validation(),
                    config));
        }
        return new Comparison(seconds ? "seconds" : "iteration", compared, differing);
    }

    @Transactional(readOnly = true)
    public byte[] chart(String ids, String x) {
        Comparison comparison = compare(ids, CompareChart.DEFAULT_WIDTH, x);
        List<CompareChart.Curve> curves = comparison.runs().stream()
                .map(r -> new CompareChart.Curve(
                        r.label(), r.x(), r.lossPerChar(), r.validationX(), r.validationLossPerChar()))
                .toList();
        return CompareChart.png(
                curves,
                comparison.x().equals("seconds") ? "Training time (s)" : "Iteration",
                CompareChart.DEFAULT_WIDTH,
                CompareChart.DEFAULT_HEIGHT);
    }

    private Map<String, JsonNode> configuration(RunView view) {
        Map<String, JsonNode> config = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : json.valueToTree(view).properties()) {
            if (!NOT_CONFIGURATION.contains(field.getKey())) {
                config.put(field.getKey(), field.getValue());
            }
        }
        return config;
    }

    /** A run's label: its name, or run id; a name shared by two compared runs gets the id too. */
    private static List<String> labels(List<Curve> curves) {
        Map<String, Integer> count = new LinkedHashMap<>();
        curves.forEach(c -> count.merge(String.valueOf(c.view().name()), 1, Integer::sum));
        return curves.stream()
                .map(c -> c.view().name() == null || c.view().name().isBlank()
                        ? "run " + c.view().id()
                        : count.get(c.view().name()) > 1
                                ? c.view().name() + " (run " + c.view().id() + ")"
                                : c.view().name())
                .toList();
    }

    /** Grid points from 0 to end: every iteration when there are fewer than points of them. */
    static double[] grid(double end, int points, boolean seconds) {
        if (!seconds && end + 1 <= points) {
            double[] grid = new double[(int) end + 1];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = i;
            }
            return grid;
        }
        double[] grid = new double[points];
        for (int i = 0; i < points; i++) {
            grid[i] = seconds ? end * i / (points - 1) : Math.round(end * i / (points - 1));
        }
        return grid;
    }

    private Curve curve(long id, boolean seconds) {
        TrainingRun run = results.requireRun(id);
        RunView view = runs.get(id);
        RunResultsService.LossSeries series = results.losses(id, null, null);
        // Training seconds are known per run, not per iteration: spread evenly over its iterations
        double secondsPerIteration =
                series.iterations().length == 0 ? 0 : run.getTrainingMillis() / 1000.0 / series.iterations().length;
        return new Curve(view, series, run.getConfig().seqLength(), seconds ? secondsPerIteration : 0, seconds);
    }

    private record Curve(
            RunView view,
            RunResultsService.LossSeries series,
            int seqLength,
            double secondsPerIteration,
            boolean seconds) {

        /** The last x this run reached. */
        double end() {
            int n = series.iterations().length;
            return n == 0 ? 0 : x(series.iterations()[n - 1]);
        }

        double x(int iteration) {
            return seconds ? (iteration + 1) * secondsPerIteration : iteration;
        }

        /** The grid points this run reaches. */
        double[] onGrid(double[] grid) {
            int n = series.iterations().length;
            if (n == 0) {
                return new double[0];
            }
            double last = end();
            int k = 0;
            while (k < grid.length && grid[k] <= last + 1e-9) {
                k++;
            }
            return Arrays.copyOf(grid, k);
        }

        /** Smooth loss per character at the last iteration at or before each x. */
        double[] valuesAt(double[] xs) {
            int[] iterations = series.iterations();
            double[] out = new double[xs.length];
            int i = 0;
            for (int k = 0; k < xs.length; k++) {
                while (i + 1 < iterations.length && x(iterations[i + 1]) <= xs[k] + 1e-9) {
                    i++;
                }
                out[k] = series.smoothLoss()[i] / seqLength;
            }
            return out;
        }

        double[] validationX() {
            return Arrays.stream(series.validationIterations())
                    .mapToDouble(this::x)
                    .toArray();
        }

        double[] validation() {
            return series.validationLossPerChar();
        }
    }

    private static boolean axis(String x) {
        if (x == null || x.equals("iteration")) {
            return false;
        }
        if (x.equals("seconds")) {
            return true;
        }
        throw ApiException.badRequest("x must be iteration or seconds, got " + ProblemText.quote(x));
    }

    private static List<Long> ids(String ids) {
        if (ids == null || ids.isBlank()) {
            throw ApiException.badRequest("ids is required: the runs to compare, as ids=1,2,3");
        }
        Set<Long> list = new LinkedHashSet<>();
        for (String part : ids.split(",")) {
            try {
                long id = Long.parseLong(part.trim());
                if (id < 1) {
                    throw new NumberFormatException();
                }
                list.add(id);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(
                        "ids must be run ids separated by commas; " + ProblemText.quote(part) + " is not one");
            }
        }
        if (list.size() > MAX_RUNS) {
            throw ApiException.badRequest(
                    "ids names " + list.size() + " runs; at most " + MAX_RUNS + " compare at once");
        }
        return new ArrayList<>(list);
    }
}
