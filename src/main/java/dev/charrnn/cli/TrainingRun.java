package dev.charrnn.cli;

import dev.charrnn.nn.CharRnn;
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
record TrainingRun(Vocabulary vocabulary, int seqLength, double[] smoothLosses, List<TrainingSample> samples,
        List<GeneratedSample> generated, CharRnn model, String probe, double[][] activations,
        double trainingSeconds) {

    double finalLoss() {
        return smoothLosses[smoothLosses.length - 1];
    }

    double minLoss() {
        double min = Double.POSITIVE_INFINITY;
        for (double v : smoothLosses) {
            min = Math.min(min, v);
        }
        return min;
    }

    int numSteps() {
        return smoothLosses.length;
    }

    double charsPerSecond() {
        return trainingSeconds > 0 ? (double) smoothLosses.length * seqLength / trainingSeconds : 0.0;
    }

    /** ln V x seq_length: the smooth loss a model that knows nothing scores (and where training starts). */
    double chanceLevel() {
        return Math.log(vocabulary.size()) * seqLength;
    }
}
