package dev.charrnn.cli;

import dev.charrnn.chart.HiddenStateHeatmap;
import dev.charrnn.chart.LossChart;
import dev.charrnn.nn.SmoothLoss;
import dev.charrnn.nn.StackedRnn;
import dev.charrnn.nn.Trainer.GeneratedSample;
import dev.charrnn.nn.Trainer.TrainingSample;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run under an output folder with the reference's names and JSON shapes:
 * <pre>
 *   images/training_loss.png, images/hidden_state_activations.png
 *   results/training_losses.json     [smooth loss per iteration]
 *   results/training_samples.json    [{iteration, loss, sample}]
 *   results/generated_samples.json   [{sample_id, seed_char, text}]
 *   results/summary.json             {final_loss, min_loss, num_steps}
 *   checkpoints/models/vanilla_rnn_weights.json   {Wxh, Whh, Why, bh, by}   (the reference model)
 *   checkpoints/models/{lstm,gru,rnn}_weights.json  PyTorch state_dict JSON   (the stacked models)
 * </pre>
 * Nothing time- or machine-dependent goes into the files: the same run gives the same bytes.
 */
final class ResultsWriter {
    static final String LOSS_PNG = "images/training_loss.png";
    static final String HEATMAP_PNG = "images/hidden_state_activations.png";
    static final String LOSSES_JSON = "results/training_losses.json";
    static final String SAMPLES_JSON = "results/training_samples.json";
    static final String GENERATED_JSON = "results/generated_samples.json";
    static final String SUMMARY_JSON = "results/summary.json";
    static final String WEIGHTS_JSON = "checkpoints/models/vanilla_rnn_weights.json";

    static String stackedWeightsFile(StackedRnn model) {
        return "checkpoints/models/" + model.cell.name().toLowerCase(java.util.Locale.ROOT) + "_weights.json";
    }

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ResultsWriter() {}

    /** Writes every file; returns the two images. */
    static List<Path> writeAll(Path dir, TrainResults run) throws IOException {
        List<Path> images = writeImages(dir, run);
        writeJson(dir.resolve(LOSSES_JSON), run.smoothLosses());
        writeJson(dir.resolve(SAMPLES_JSON), trainingSamples(run.samples()));
        writeJson(dir.resolve(GENERATED_JSON), generatedSamples(run.generated()));
        writeJson(dir.resolve(SUMMARY_JSON), summary(run));
        Path weights = dir.resolve(run.weightsFile());
        Files.createDirectories(weights.getParent());
        Files.write(weights, run.weights());
        return images;
    }

    /** The loss curve and the hidden-state heatmap. */
    static List<Path> writeImages(Path dir, TrainResults run) throws IOException {
        int n = run.smoothLosses().length;
        int[] iterations = new int[n];
        for (int i = 0; i < n; i++) {
            iterations[i] = i;
        }
        byte[] loss = LossChart.png(
                iterations, run.smoothLosses(), run.chanceLevel(), LossChart.DEFAULT_WIDTH, LossChart.DEFAULT_HEIGHT);
        List<String> chars = new ArrayList<>();
        run.probe().codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
        byte[] heatmap = HiddenStateHeatmap.png(
                chars, run.activations(), HiddenStateHeatmap.DEFAULT_WIDTH, HiddenStateHeatmap.DEFAULT_HEIGHT);
        Path lossPath = dir.resolve(LOSS_PNG);
        Path heatmapPath = dir.resolve(HEATMAP_PNG);
        Files.createDirectories(lossPath.getParent());
        Files.write(lossPath, loss);
        Files.write(heatmapPath, heatmap);
        return List.of(lossPath, heatmapPath);
    }

    static Map<String, Object> summary(TrainResults run) {
        Map<String, Object> m = new LinkedHashMap<>();
        SmoothLoss.Summary losses = run.summary();
        m.put("final_loss", losses.finalLoss());
        m.put("min_loss", losses.minLoss());
        m.put("num_steps", losses.numSteps());
        return m;
    }

    private static List<Map<String, Object>> trainingSamples(List<TrainingSample> samples) {
        List<Map<String, Object>> out = new ArrayList<>(samples.size());
        for (TrainingSample s : samples) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("iteration", s.iteration());
            m.put("loss", s.loss());
            m.put("sample", s.text());
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> generatedSamples(List<GeneratedSample> samples) {
        List<Map<String, Object>> out = new ArrayList<>(samples.size());
        for (GeneratedSample s : samples) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sample_id", s.sampleId());
            m.put("seed_char", s.seedChar());
            m.put("text", s.text());
            out.add(m);
        }
        return out;
    }

    private static void writeJson(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            JSON.writeValue(out, value);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IOException("cannot write " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The line printed last on stdout. */
    static String stdoutSummary(TrainResults run) {
        Map<String, Object> m = summary(run);
        m.put("chars_per_second", run.charsPerSecond());
        m.put("training_seconds", run.trainingSeconds());
        return JsonMapper.builder().build().writeValueAsString(m);
    }
}
