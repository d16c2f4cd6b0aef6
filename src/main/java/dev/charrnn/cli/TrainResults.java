package dev.charrnn.cli;

import dev.charrnn.nn.SmoothLoss;
import dev.charrnn.nn.Trainer.GeneratedSample;
import dev.charrnn.nn.Trainer.TrainingSample;
import dev.charrnn.nn.Vocabulary;
import java.util.List;

/**
 * Everything a finished run writes.
 *
 * @param batchSize the streams each iteration trains on, seqLength characters each
 * @param smoothLosses the smooth loss after each iteration
 * @param weightsFile where under the output folder the weights go; weights their JSON
 * @param probe the heatmap's text; activations is its T x H hidden states
 */
record TrainResults(
        Vocabulary vocabulary,
        int seqLength,
        int batchSize,
        double[] smoothLosses,
        List<TrainingSample> samples,
        List<GeneratedSample> generated,
        String weightsFile,
        byte[] weights,
        String probe,
        double[][] activations,
        double trainingSeconds) {

    SmoothLoss.Summary summary() {
        return SmoothLoss.Summary.of(smoothLosses);
    }

    double charsPerSecond() {
        return trainingSeconds > 0 ? (double) smoothLosses.length * seqLength * batchSize / trainingSeconds : 0.0;
    }

    double chanceLevel() {
        return SmoothLoss.chanceLevel(vocabulary.size(), seqLength);
    }
}
