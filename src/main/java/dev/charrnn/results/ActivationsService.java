package dev.charrnn.results;

import dev.charrnn.inference.LoadedModel;
import dev.charrnn.inference.Quoted;
import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.Readout;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.system.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A run's model read over a text: the data of the dashboard's neuron view. */
@Service
class ActivationsService {
    private final RunResultsService results;

    ActivationsService(RunResultsService results) {
        this.results = results;
    }

    @Transactional(readOnly = true)
    ActivationsView activations(long runId, ActivationsRequest request) {
        LoadedModel model = results.model(runId);
        String text = request.text();
        if (text == null || text.isEmpty()) {
            throw ApiException.badRequest("text must have at least 1 character");
        }
        Vocabulary vocabulary = model.vocabulary();
        List<String> missing = vocabulary.missing(text);
        if (!missing.isEmpty()) {
            throw ApiException.badRequest(
                    "text has characters that are not in the run's vocabulary: " + Quoted.characters(missing));
        }
        int[] indices = vocabulary.encode(text);
        int units = model.isStacked() ? model.stacked().H : model.weights().H;
        int stateCount = !model.isStacked()
                ? 1
                : model.stacked().layers * (model.stacked().cell == ModelConfig.Cell.LSTM ? 2 : 1);
        long perCharacter = (long) units * stateCount;
        if (indices.length * perCharacter > ActivationsRequest.MAX_VALUES) {
            throw ApiException.badRequest("text has " + indices.length + " characters; with " + perCharacter
                    + " units over all layers at most " + ActivationsRequest.MAX_VALUES / perCharacter
                    + " fit one response");
        }
        int k = Math.min(request.topK() == null ? ActivationsRequest.DEFAULT_TOP_K : request.topK(), vocabulary.size());
        Readout readout =
                model.isStacked() ? Readout.of(model.stacked(), indices, k) : Readout.of(model.weights(), indices, k);
        String cell = model.isStacked() ? model.stacked().cell.name().toLowerCase(Locale.ROOT) : "rnn";

        List<String> characters = new ArrayList<>(indices.length);
        List<List<ActivationsView.Guess>> predictions = new ArrayList<>(indices.length);
        for (int t = 0; t < indices.length; t++) {
            characters.add(vocabulary.charAt(indices[t]));
            List<ActivationsView.Guess> guesses = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                guesses.add(new ActivationsView.Guess(
                        vocabulary.charAt(readout.topIndices()[t][i]), readout.topProbabilities()[t][i]));
            }
            predictions.add(guesses);
        }
        List<ActivationsView.Layer> layers = new ArrayList<>();
        for (Readout.State state : readout.states()) {
            float[][] values = new float[indices.length][];
            for (int t = 0; t < indices.length; t++) {
                values[t] = toFloats(state.values()[t]);
            }
            layers.add(new ActivationsView.Layer(state.layer(), cell, state.cell() ? "c" : "h", units, values));
        }
        return new ActivationsView(characters, layers, predictions, model.iteration());
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
