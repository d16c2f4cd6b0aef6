package dev.charrnn.inference;

import dev.charrnn.nn.CharRnn;
import dev.charrnn.nn.StackedRnn;
import dev.charrnn.nn.Vocabulary;

/**
 * Weights and the characters their rows stand for, wherever they came from: the reference model's ({@code weights})
 * or a stacked model's in PyTorch's layout ({@code stacked}), exactly one of the two.
 *
 * @param iteration the checkpoint iteration of a run's weights; null for an imported model
 */
public record LoadedModel(CharRnn weights, StackedRnn stacked, Vocabulary vocabulary, Integer iteration) {

    public LoadedModel {
        if ((weights == null) == (stacked == null)) {
            throw new IllegalArgumentException("a loaded model has either reference or stacked weights");
        }
        int V = weights != null ? weights.V : stacked.V;
        if (V != vocabulary.size()) {
            throw new IllegalArgumentException("weights for " + V + " characters, vocabulary of " + vocabulary.size());
        }
    }

    public LoadedModel(CharRnn weights, Vocabulary vocabulary, Integer iteration) {
        this(weights, null, vocabulary, iteration);
    }

    public LoadedModel(StackedRnn stacked, Vocabulary vocabulary, Integer iteration) {
        this(null, stacked, vocabulary, iteration);
    }

    public boolean isStacked() {
        return stacked != null;
    }
}
