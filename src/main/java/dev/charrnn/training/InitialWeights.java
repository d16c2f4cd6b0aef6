package dev.charrnn.training;

import dev.charrnn.model.ModelService;
import dev.charrnn.nn.CharRnn;
import dev.charrnn.nn.TrainingState;
import dev.charrnn.results.RunResultsService;
import dev.charrnn.runs.TrainingRun;
import dev.charrnn.system.ApiException;
import org.springframework.stereotype.Component;

/**
 * The starting point of a continued run, read when it first starts (not at submission: the source's weights
 * are only held while they are needed).
 */
@Component
class InitialWeights {
    private final RunResultsService results;
    private final ModelService models;

    InitialWeights(RunResultsService results, ModelService models) {
        this.results = results;
        this.models = models;
    }

    /** @param memories Adagrad memories to continue, or null for zeros */
    record Start(CharRnn weights, CharRnn memories) {}

    /** Null for a run that starts from random weights. */
    Start of(TrainingRun run) {
        try {
            if (run.getInitRunId() != null) {
                TrainingState source = results.state(run.getInitRunId(), run.getInitCheckpoint());
                return new Start(source.model(), run.isResumeOptimizer() ? source.memories() : null);
            }
            if (run.getInitModelId() != null) {
                return new Start(models.load(run.getInitModelId()).weights(), null);
            }
            return null;
        } catch (ApiException e) {
            throw new IllegalStateException("its initial weights are gone: " + e.getMessage(), e);
        }
    }
}
