package dev.charrnn.inference;

import dev.charrnn.nn.CharRnn;
import dev.charrnn.nn.Vocabulary;

/**
 * Weights and the characters their rows stand for, wherever they came from.
 *
 * @param iteration the checkpoint iteration of a run's weights; null for an imported model
 */
public record LoadedModel(CharRnn weights, Vocabulary vocabulary, Integer iteration) {

    public LoadedModel {
        if (weights.V != vocabulary.size()) {
            throw new IllegalArgumentException(
                    "weights for " + weights.V + " characters, vocabulary of " + vocabulary.size());
        }
    }
}
