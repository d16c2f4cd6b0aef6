package dev.charrnn.training;

import dev.charrnn.inference.LoadedModel;
import dev.charrnn.model.ModelService;
import dev.charrnn.nn.CharRnn;
import dev.charrnn.nn.OptimizerState;
import dev.charrnn.nn.StackedRnn;
import dev.charrnn.nn.StackedTrainingState;
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

    /**
     * The reference model's weights and Adagrad memories, or a stacked model's weights and optimizer state.
     *
     * @param memories Adagrad memories to continue, or null for zeros
     * @param optimizer a stacked model's optimizer state to continue, or null for a fresh one
     */
    record Start(CharRnn weights, CharRnn memories, StackedRnn stacked, OptimizerState optimizer) {}

    /** Null for a run that starts from random weights. */
    Start of(TrainingRun run) {
        boolean reference = run.getModel().isReference();
        try {
            if (run.getInitRunId() != null && reference) {
                TrainingState source = results.latestState(run.getInitRunId());
                return new Start(source.model(), run.isResumeOptimizer() ? source.memories() : null, null, null);
            }
            if (run.getInitRunId() != null) {
                StackedTrainingState source = results.latestStackedState(run.getInitRunId());
                return new Start(
                        null,
                        null,
                        source.model(),
                        run.isResumeOptimizer() ? source.optimizer().copy() : null);
            }
            if (run.getInitModelId() != null) {
                LoadedModel model = models.load(run.getInitModelId());
                if (model.isStacked() == reference) {
                    throw new IllegalStateException("model " + run.getInitModelId() + "'s weights do not fit the run");
                }
                return reference
                        ? new Start(model.weights(), null, null, null)
                        : new Start(null, null, model.stacked(), null);
            }
            return null;
        } catch (ApiException e) {
            throw new IllegalStateException("its initial weights are gone: " + e.getMessage(), e);
        }
    }
}
