package dev.charrnn.results;

import dev.charrnn.inference.LoadedModel;
import dev.charrnn.inference.Quoted;
import dev.charrnn.nn.Readout;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.system.ApiException;
import java.util.ArrayList;
import java.util.List;
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
        int units = model.weights().H;
        if ((long) indices.length * units > ActivationsRequest.MAX_VALUES) {
            throw ApiException.badRequest("text has " + indices.length + " characters; with " + units
                    + " units at most " + ActivationsRequest.MAX_VALUES / units + " fit one response");
        }
        int k = Math.min(request.topK() == null ? ActivationsRequest.DEFAULT_TOP_K : request.topK(), vocabulary.size());
        Readout readout = Readout.of(model.weights(), indices, k);

        List<String> characters = new ArrayList<>(indices.length);
        List<List<ActivationsView.Guess>> predictions = new ArrayList<>(indices.length);
        float[][] hidden = new float[indices.length][];
        for (int t = 0; t < indices.length; t++) {
            characters.add(vocabulary.charAt(indices[t]));
            hidden[t] = toFloats(readout.hidden()[t]);
            List<ActivationsView.Guess> guesses = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                guesses.add(new ActivationsView.Guess(
                        vocabulary.charAt(readout.topIndices()[t][i]), readout.topProbabilities()[t][i]));
            }
            predictions.add(guesses);
        }
        // The reference's model is one vanilla RNN layer; stacked models list one entry per layer and state.
        List<ActivationsView.Layer> layers = List.of(new ActivationsView.Layer(0, "rnn", "h", units, hidden));
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
