package dev.charrnn.cli;

import dev.charrnn.nn.CharRnn;
import dev.charrnn.nn.SmoothLoss;
import dev.charrnn.nn.Trainer.GeneratedSample;
import dev.charrnn.nn.Trainer.TrainingSample;
import dev.charrnn.nn.Vocabulary;
import java.util.List;

/**
 * Everything a finished run writes.
 *
 * @param smoothLosses the smooth loss after each iteration
 * @param probe the heatmap's text; activations is its T x H hidden states
 */
record TrainResults(Vocabulary vocabulary, int seqLength, double[] smoothLosses, List<TrainingSample> samples,
        List<GeneratedSample> generated, CharRnn model, String probe, double[][] activations,
        double trainingSeconds) {

    SmoothLoss.Summary summary() {
        return SmoothLoss.Summary.of(smoothLosses);
    }

    double charsPerSecond() {
        return trainingSeconds > 0 ? (double) smoothLosses.length * seqLength / trainingSeconds : 0.0;
    }

    double chanceLevel() {
        return SmoothLoss.chanceLevel(vocabulary.size(), seqLength);
    }
}
