package dev.charrnn.results;

import dev.charrnn.chart.HiddenStateHeatmap;
import dev.charrnn.chart.LossChart;
import dev.charrnn.inference.LoadedModel;
import dev.charrnn.nn.Evaluation;
import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.ReferenceOutputs;
import dev.charrnn.nn.SmoothLoss;
import dev.charrnn.nn.StackedInference;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.records.CheckpointRepository;
import dev.charrnn.runs.TrainingRun;
import dev.charrnn.system.ApiException;
import dev.charrnn.system.ProblemText;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The seed's two pictures for a run, and the tags that tell when they would come out the same. */
@Service
public class RunChartService {
    static final int MAX_PROBE_LENGTH = 200;

    private final RunResultsService results;
    private final CheckpointRepository checkpoints;

    public RunChartService(RunResultsService results, CheckpointRepository checkpoints) {
        this.results = results;
        this.checkpoints = checkpoints;
    }

    /** Changes whenever the loss chart would: with each write of new losses and with the status. */
    @Transactional(readOnly = true)
    public String lossChartTag(long runId) {
        TrainingRun run = results.requireRun(runId);
        return "loss-" + runId + "-" + run.getIteration() + "-" + run.getStatus();
    }

    @Transactional(readOnly = true)
    public byte[] lossChart(long runId) {
        TrainingRun run = results.requireRun(runId);
        RunResultsService.LossSeries series = results.losses(runId, null, null);
        double chance =
                SmoothLoss.chanceLevel(run.getVocabularySize(), run.getConfig().seqLength());
        if (series.validationIterations().length == 0) {
            return LossChart.png(
                    series.iterations(),
                    series.smoothLoss(),
                    chance,
                    LossChart.DEFAULT_WIDTH,
                    LossChart.DEFAULT_HEIGHT);
        }
        // The chart's unit is the smooth loss, summed over seqLength characters.
        double[] validation = series.validationLossPerChar().clone();
        for (int i = 0; i < validation.length; i++) {
            validation[i] *= run.getConfig().seqLength();
        }
        return LossChart.png(
                series.iterations(),
                series.smoothLoss(),
                series.validationIterations(),
                validation,
                chance,
                LossChart.DEFAULT_WIDTH,
                LossChart.DEFAULT_HEIGHT);
    }

    /** Changes with the checkpoint the heatmap is drawn from, with the probe and with the layer and state shown. */
    @Transactional(readOnly = true)
    public String hiddenStatesTag(long runId, String text, Integer layer, String state) {
        TrainingRun run = results.requireRun(runId);
        // Without a checkpoint there is no picture to tag: the request goes on to its 409.
        int iteration = checkpoints.findIteration(runId).orElseThrow(() -> RunResultsService.noWeights(run));
        return "hs-" + runId + "-" + iteration + "-" + Integer.toHexString((text == null ? "" : text).hashCode())
                + (layer == null ? "" : "-l" + layer)
                + (state == null ? "" : "-" + Integer.toHexString(state.hashCode()));
    }

    /**
     * The T x H activations over {@code text}; without one, "hello deep learning" when the vocabulary has all its
     * characters, else the corpus' first 40 characters.
     */
    @Transactional(readOnly = true)
    public byte[] hiddenStates(long runId, String text) {
        return hiddenStates(runId, text, null, null);
    }

    /**
     * As {@link #hiddenStates(long, String)} for one layer of a stacked model (default: the top one) and, for an
     * LSTM, its cell state c instead of h ({@code state} "cell"; default "hidden").
     */
    @Transactional(readOnly = true)
    public byte[] hiddenStates(long runId, String text, Integer layer, String state) {
        LoadedModel model = results.model(runId);
        int layers = model.isStacked() ? model.stacked().layers : 1;
        if (layer != null && (layer < 0 || layer >= layers)) {
            throw ApiException.badRequest("layer must be 0.." + (layers - 1) + " (the model has " + layers + " layer"
                    + (layers == 1 ? "" : "s") + "), got " + layer);
        }
        boolean cell = state != null && state.equals("cell");
        if (state != null && !cell && !state.equals("hidden")) {
            throw ApiException.badRequest("state must be hidden or cell, got " + ProblemText.quote(state));
        }
        if (cell && !(model.isStacked() && model.stacked().cell == ModelConfig.Cell.LSTM)) {
            throw ApiException.badRequest("state cell: only an LSTM has a cell state; this run's model is "
                    + (model.isStacked() ? model.stacked().describe() : "the reference's vanilla RNN"));
        }
        Vocabulary vocabulary = model.vocabulary();
        String probe = text != null ? text : ReferenceOutputs.probe(vocabulary, () -> results.corpusText(runId));
        if (probe.isEmpty()) {
            throw ApiException.badRequest("text must not be empty");
        }
        int length = probe.codePointCount(0, probe.length());
        if (length > MAX_PROBE_LENGTH) {
            throw ApiException.badRequest(
                    "text has " + length + " characters; at most " + MAX_PROBE_LENGTH + " fit a heatmap");
        }
        List<String> missing = vocabulary.missing(probe);
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("text has characters that are not in the run's vocabulary: " + missing);
        }
        int[] indices = vocabulary.encode(probe);
        List<String> labels = new ArrayList<>(indices.length);
        for (int ix : indices) {
            labels.add(vocabulary.charAt(ix));
        }
        double[][] activations;
        if (model.isStacked()) {
            double[][][] states = new StackedInference(model.stacked()).states(indices, cell);
            int l = layer != null ? layer : layers - 1;
            activations = new double[states.length][];
            for (int t = 0; t < states.length; t++) {
                activations[t] = states[t][l];
            }
        } else {
            activations = Evaluation.hiddenStates(model.weights(), indices);
        }
        return HiddenStateHeatmap.png(
                labels, activations, HiddenStateHeatmap.DEFAULT_WIDTH, HiddenStateHeatmap.DEFAULT_HEIGHT);
    }
}
