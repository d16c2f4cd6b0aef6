package dev.charrnn.runs;

import dev.charrnn.corpus.CorpusService;
import dev.charrnn.inference.Quoted;
import dev.charrnn.model.ModelService;
import dev.charrnn.model.ModelView;
import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.records.CheckpointRepository;
import dev.charrnn.system.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks a continued run's source at submission: it exists, has final weights, knows the corpus' characters in
 * the corpus' order, and fixes the hidden size. The weights themselves are read when the run starts.
 */
@Component
class InitSources {
    private final TrainingRunRepository runs;
    private final CheckpointRepository checkpoints;
    private final CorpusService corpora;
    private final ModelService models;

    InitSources(
            TrainingRunRepository runs, CheckpointRepository checkpoints, CorpusService corpora, ModelService models) {
        this.runs = runs;
        this.checkpoints = checkpoints;
        this.corpora = corpora;
        this.models = models;
    }

    /**
     * A checked source: the run takes its hidden size and, unless the request says otherwise, its model.
     *
     * @param model the source's model configuration (an imported model: its architecture, the rest the reference's)
     * @param referenceWeights whether the source's weights are in the reference's layout (one bias, {@code CharRnn})
     *     rather than PyTorch's
     */
    record Source(
            Long runId,
            Long modelId,
            boolean resumeOptimizer,
            int hiddenSize,
            ModelConfig model,
            boolean referenceWeights) {

        /**
         * The defaults of a run continued from this source: a run's whole model configuration (its architecture,
         * batch, optimizer and schedule), an imported model's architecture.
         */
        ModelConfig base() {
            return model;
        }

        /** A 400 unless a run training {@code run} can start from this source's weights (and optimizer). */
        void requireFits(ModelConfig run, String name) {
            String[][] fields = {
                {"cell", ModelEnumConverters.name(run.cell()), ModelEnumConverters.name(model.cell())},
                {"layers", "" + run.layers(), "" + model.layers()},
                {"embeddingSize", "" + run.embeddingSize(), "" + model.embeddingSize()}
            };
            for (String[] f : fields) {
                if (!f[1].equals(f[2])) {
                    throw ApiException.badRequest(f[0] + " " + f[1] + " conflicts with " + name + "'s " + f[2]
                            + "; a continued run keeps its source's architecture (omit it)");
                }
            }
            if (resumeOptimizer && run.optimizer() != model.optimizer()) {
                throw ApiException.badRequest("optimizer " + ModelEnumConverters.name(run.optimizer())
                        + " conflicts with " + name + "'s " + ModelEnumConverters.name(model.optimizer())
                        + "; resumeOptimizer continues the source's optimizer state (omit optimizer, or set "
                        + "resumeOptimizer to false)");
            }
            if (run.isReference() != referenceWeights) {
                throw ApiException.badRequest(
                        run.isReference()
                                ? "initFrom: " + name + " holds PyTorch-layout weights (two biases a layer), which the "
                                        + "reference configuration does not train; ask for another configuration (e.g. "
                                        + "optimizer or batchSize)"
                                : "initFrom: " + name + " holds the reference model's weights, which train only in the "
                                        + "reference configuration (rnn, 1 layer, batchSize 1, adagrad, gradClip 5); omit the "
                                        + "model fields");
            }
        }
    }

    /** Null when the request does not continue anything. */
    Source resolve(RunRequest request, long corpusId) {
        boolean resume = Boolean.TRUE.equals(request.resumeOptimizer());
        RunRequest.InitFrom init = request.initFrom();
        if (init == null) {
            if (resume) {
                throw ApiException.badRequest("resumeOptimizer needs initFrom.runId: there is no optimizer to "
                        + "resume in a run that starts from random weights");
            }
            return null;
        }
        if ((init.runId() == null) == (init.modelId() == null)) {
            throw ApiException.badRequest("initFrom takes exactly one of runId and modelId");
        }
        Source source;
        Vocabulary vocabulary;
        String name;
        if (init.runId() != null) {
            TrainingRun run = finishedRunWithWeights(init.runId());
            source = new Source(
                    run.getId(),
                    null,
                    resume,
                    run.getConfig().hiddenSize(),
                    run.getModel(),
                    run.getModel().isReference());
            vocabulary = run.getCorpusId() == corpusId ? null : Vocabulary.of(corpora.text(run.getCorpusId()));
            name = "run " + run.getId();
        } else {
            if (resume) {
                throw ApiException.badRequest(
                        "resumeOptimizer needs initFrom.runId: an imported model has no " + "optimizer state");
            }
            ModelView model = model(init.modelId());
            ModelConfig architecture = ModelConfig.reference()
                    .withCell(ModelEnumConverters.parse(ModelConfig.Cell.class, model.cell()))
                    .withLayers(model.layers())
                    .withEmbeddingSize(model.embeddingSize());
            source = new Source(
                    null,
                    model.id(),
                    false,
                    model.hiddenSize(),
                    architecture,
                    ModelView.FORMAT_REFERENCE.equals(model.format()));
            vocabulary = Vocabulary.ofCharacters(model.vocabulary());
            name = "model " + model.id();
        }
        if (request.hiddenSize() != null && request.hiddenSize() != source.hiddenSize()) {
            throw ApiException.badRequest("hiddenSize " + request.hiddenSize() + " conflicts with " + name + "'s "
                    + source.hiddenSize() + "; a continued run keeps its source's hidden size (omit it)");
        }
        if (vocabulary != null) {
            requireSameVocabulary(Vocabulary.of(corpora.text(corpusId)), vocabulary, name);
        }
        return source;
    }

    private TrainingRun finishedRunWithWeights(long id) {
        TrainingRun run = runs.findById(id)
                .orElseThrow(() -> ApiException.badRequest("initFrom.runId " + id + " does not exist"));
        if (!run.getStatus().isFinished()) {
            throw ApiException.conflict("run " + id + " is " + run.getStatus() + "; a run continues from the final "
                    + "weights of a finished run: wait for it or cancel it");
        }
        if (checkpoints.findIteration(id).isEmpty()) {
            throw ApiException.conflict("run " + id + " is " + run.getStatus() + " without weights (it ended "
                    + "before its first checkpoint); nothing to continue from");
        }
        return run;
    }

    private ModelView model(long id) {
        try {
            return models.get(id);
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw ApiException.badRequest("initFrom.modelId " + id + " does not exist");
            }
            throw e;
        }
    }

    static void requireSameVocabulary(Vocabulary corpus, Vocabulary source, String name) {
        if (corpus.equals(source)) {
            return;
        }
        List<String> lacking = new ArrayList<>(source.characters());
        lacking.removeAll(corpus.characters());
        List<String> extra = new ArrayList<>(corpus.characters());
        extra.removeAll(source.characters());
        String difference = lacking.isEmpty() && extra.isEmpty()
                ? "the same characters in another order (" + name + ": " + Quoted.characters(source.characters())
                        + "; a corpus' characters are in code-point order)"
                : (extra.isEmpty() ? "" : "the corpus has " + Quoted.characters(extra) + " that " + name + " lacks")
                        + (!extra.isEmpty() && !lacking.isEmpty() ? "; " : "")
                        + (lacking.isEmpty()
                                ? ""
                                : name + " has " + Quoted.characters(lacking) + " that the corpus lacks");
        throw ApiException.badRequest(
                "the corpus' vocabulary must be " + name + "'s (same characters, same " + "order): " + difference);
    }
}
