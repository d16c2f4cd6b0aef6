package dev.charrnn.nn;

import dev.charrnn.nn.Trainer.GeneratedSample;
import dev.charrnn.nn.Trainer.Step;
import java.util.List;

/** What drives a run whatever the model: {@link Trainer} for the reference configuration, else {@link StackedTrainer}. */
public interface TrainingLoop {

    boolean hasNext();

    /** Runs iteration {@link #iteration()} and advances. */
    Step next();

    /** The closing samples: each from a zero state and a seed character drawn uniformly from the vocabulary. */
    List<GeneratedSample> generateSamples(int count, int length);

    /** The next iteration to run (= iterations done). */
    int iteration();

    double smoothLoss();

    TrainingConfig config();
}
