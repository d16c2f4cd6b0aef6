package dev.charrnn.results;

import dev.charrnn.corpus.CorpusService;
import dev.charrnn.inference.LoadedModel;
import dev.charrnn.inference.Novelty;
import dev.charrnn.nn.SeedWeights;
import dev.charrnn.nn.StackedTrainingState;
import dev.charrnn.nn.TorchStateDict;
import dev.charrnn.nn.TrainingState;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.records.BestCheckpointRepository;
import dev.charrnn.records.CheckpointKind;
import dev.charrnn.records.CheckpointRepository;
import dev.charrnn.records.GeneratedSampleRepository;
import dev.charrnn.records.TrainingSampleRepository;
import dev.charrnn.runs.RunView;
import dev.charrnn.runs.TrainingRun;
import dev.charrnn.runs.TrainingRunRepository;
import dev.charrnn.system.ApiException;
import dev.charrnn.system.ProblemText;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What runs recorded: losses, samples, summary, weights, vocabulary. */
@Service
public class RunResultsService {
    private final TrainingRunRepository runs;
    private final LossSeriesReader lossSeries;
    private final TrainingSampleRepository samples;
    private final GeneratedSampleRepository generated;
    private final CheckpointRepository checkpoints;
    private final BestCheckpointRepository bestCheckpoints;
    private final NoveltyIndexes noveltyIndexes;
    private final CorpusService corpora;

    RunResultsService(
            TrainingRunRepository runs,
            LossSeriesReader lossSeries,
            TrainingSampleRepository samples,
            GeneratedSampleRepository generated,
            CheckpointRepository checkpoints,
            BestCheckpointRepository bestCheckpoints,
            CorpusService corpora,
            NoveltyIndexes noveltyIndexes) {
        this.noveltyIndexes = noveltyIndexes;
        this.bestCheckpoints = bestCheckpoints;
        this.runs = runs;
        this.lossSeries = lossSeries;
        this.samples = samples;
        this.generated = generated;
        this.checkpoints = checkpoints;
        this.corpora = corpora;
    }

    @Schema(name = "LossSeries", description = "Per-iteration losses; index k of each array is one iteration")
    public record LossSeries(
            @Schema(example = "[0, 1, 2]") int[] iterations,

            @Schema(
                    description = "Smooth loss (0.999/0.001 moving average, summed over seqLength characters)",
                    example = "[79.45, 79.44, 79.43]")
            double[] smoothLoss,

            @Schema(description = "The iteration's own loss", example = "[79.4, 78.9, 77.6]")
            double[] loss,

            @Schema(
                    description = "Iterations after which the validation loss was measured (empty without a "
                            + "validation split)",
                    example = "[99, 199]")
            int[] validationIterations,

            @Schema(
                    description = "Validation loss per character (nats); multiply by seqLength to compare with "
                            + "smoothLoss",
                    example = "[2.9, 2.6]")
            double[] validationLossPerChar) {}

    @Schema(name = "TrainingSample")
    public record SampleView(
            @Schema(example = "200") int iteration,

            @Schema(description = "Smooth loss at that iteration", example = "55.1")
            double loss,

            @Schema(example = "1.0") double temperature,
            @Schema(example = "hello wornd") String sample,
            @Schema(description = "Only with ?novelty=true") Novelty novelty) {}

    @Schema(name = "GeneratedSample")
    public record GeneratedView(
            @Schema(example = "1") int sampleId,
            @Schema(example = "h") String seedChar,
            @Schema(example = "ello deep learning") String text,
            @Schema(description = "Only with ?novelty=true") Novelty novelty) {}

    /**
     * @param from only iterations >= from (null: all)
     * @param maxPoints bucket down to about this many points keeping the curve's shape (null: every point)
     */
    @Transactional(readOnly = true)
    public LossSeries losses(long runId, Integer from, Integer maxPoints) {
        TrainingRun run = requireRun(runId);
        if (from != null && from < 0) {
            throw ApiException.badRequest("from must be >= 0, got " + from);
        }
        if (maxPoints != null && maxPoints < 2) {
            throw ApiException.badRequest("maxPoints must be >= 2, got " + maxPoints);
        }
        return lossSeries.read(run, from == null ? 0 : from, maxPoints);
    }

    @Transactional(readOnly = true)
    public List<SampleView> samples(long runId) {
        return samples(runId, false);
    }

    /** @param novelty also each sample's novelty against the run's training text */
    @Transactional(readOnly = true)
    public List<SampleView> samples(long runId, boolean novelty) {
        Function<String, Novelty> of = noveltyOf(requireRun(runId), novelty);
        return samples.findByRunIdOrderByIterationAscIdAsc(runId).stream()
                .map(s -> new SampleView(
                        s.getIteration(), s.getLoss(), s.getTemperature(), s.getText(), of.apply(s.getText())))
                .toList();
    }

    @Transactional(readOnly = true)
    public List<GeneratedView> generated(long runId) {
        return generated(runId, false);
    }

    @Transactional(readOnly = true)
    public List<GeneratedView> generated(long runId, boolean novelty) {
        Function<String, Novelty> of = noveltyOf(requireRun(runId), novelty);
        return generated.findByRunIdOrderBySampleId(runId).stream()
                .map(g -> new GeneratedView(g.getSampleId(), g.getSeedChar(), g.getText(), of.apply(g.getText())))
                .toList();
    }

    /** Novelty against what the run trained on; null for every text when not asked for. */
    Function<String, Novelty> noveltyOf(TrainingRun run, boolean novelty) {
        return novelty ? noveltyIndexes.of(run) : text -> null;
    }

    @Transactional(readOnly = true)
    public RunView.Summary summary(long runId) {
        TrainingRun run = requireRun(runId);
        RunView.Summary summary = RunView.Summary.of(run);
        if (summary == null) {
            throw ApiException.conflict(
                    "run " + runId + " is " + run.getStatus() + "; its summary comes when it finishes");
        }
        return summary;
    }

    /**
     * The latest weights (final once the run has finished): the reference model's in the reference's JSON format,
     * any other as a PyTorch state_dict.
     */
    @Transactional(readOnly = true)
    public byte[] weightsJson(long runId) {
        return weightsJson(runId, CheckpointKind.FINAL);
    }

    /**
     * The latest or the best validation point's weights: the reference model's in the reference's JSON format, any
     * other as a PyTorch state_dict.
     */
    @Transactional(readOnly = true)
    public byte[] weightsJson(long runId, CheckpointKind kind) {
        LoadedModel model = model(runId, kind);
        return model.isStacked() ? TorchStateDict.toBytes(model.stacked()) : SeedWeights.toBytes(model.weights());
    }

    @Transactional(readOnly = true)
    public List<String> vocabulary(long runId) {
        return vocabularyOf(requireRun(runId)).characters();
    }

    /** The latest checkpoint of a run of the reference configuration; 409 while the run has none yet. */
    @Transactional(readOnly = true)
    public TrainingState latestState(long runId) {
        TrainingRun run = requireRun(runId);
        if (!run.getModel().isReference()) {
            throw ApiException.conflict("run " + runId + " trains a stacked model; its state is not the reference's");
        }
        return TrainingState.fromBytes(latestBytes(run));
    }

    /** The latest checkpoint of a run of any other configuration; 409 while the run has none yet. */
    @Transactional(readOnly = true)
    public StackedTrainingState latestStackedState(long runId) {
        TrainingRun run = requireRun(runId);
        if (run.getModel().isReference()) {
            throw ApiException.conflict("run " + runId + " trains the reference model; its state is not a stacked one");
        }
        return StackedTrainingState.fromBytes(latestBytes(run));
    }

    private byte[] latestBytes(TrainingRun run) {
        return checkpoints.findById(run.getId()).map(c -> c.getState()).orElseThrow(() -> noWeights(run));
    }

    /**
     * The latest checkpoint or the best validation point's, of a run of the reference configuration; 409 while the
     * run has no such checkpoint.
     */
    @Transactional(readOnly = true)
    public TrainingState state(long runId, CheckpointKind kind) {
        if (kind == CheckpointKind.FINAL) {
            return latestState(runId);
        }
        TrainingRun run = requireRun(runId);
        if (!run.getModel().isReference()) {
            throw ApiException.conflict("run " + runId + " trains a stacked model; its state is not the reference's");
        }
        return TrainingState.fromBytes(bestBytes(run));
    }

    /** As {@link #state(long, CheckpointKind)} for a run of any other configuration. */
    @Transactional(readOnly = true)
    public StackedTrainingState stackedState(long runId, CheckpointKind kind) {
        if (kind == CheckpointKind.FINAL) {
            return latestStackedState(runId);
        }
        TrainingRun run = requireRun(runId);
        if (run.getModel().isReference()) {
            throw ApiException.conflict("run " + runId + " trains the reference model; its state is not a stacked one");
        }
        return StackedTrainingState.fromBytes(bestBytes(run));
    }

    private byte[] bestBytes(TrainingRun run) {
        return bestCheckpoints
                .findById(run.getId())
                .map(c -> c.getState())
                .orElseThrow(() -> ApiException.conflict("run " + run.getId() + " has no best checkpoint "
                        + (run.getValidationFraction() > 0
                                ? "yet; it comes with its first checkpoint after a validation point"
                                : "(it keeps one only with a validation split: validationFraction > 0)")));
    }

    /** {@code ?checkpoint=}: final (the default) or best; 400 otherwise. */
    public static CheckpointKind checkpointKind(String value) {
        CheckpointKind kind = CheckpointKind.parse(value);
        if (kind == null) {
            throw ApiException.badRequest("checkpoint must be final or best, got " + ProblemText.quote(value));
        }
        return kind;
    }

    /** The 409 of a run without a checkpoint: a finished one will never have weights, an unfinished one will. */
    static ApiException noWeights(TrainingRun run) {
        return ApiException.conflict("run " + run.getId() + " is " + run.getStatus()
                + (run.getStatus().isFinished()
                        ? " without weights: it ended before its first checkpoint"
                        : " and has no weights yet; they appear with its first checkpoint"));
    }

    /** The model of the latest checkpoint with its vocabulary. */
    @Transactional(readOnly = true)
    public LoadedModel model(long runId) {
        return model(runId, CheckpointKind.FINAL);
    }

    /** The model of the latest or the best checkpoint with its vocabulary. */
    @Transactional(readOnly = true)
    public LoadedModel model(long runId, CheckpointKind kind) {
        TrainingRun run = requireRun(runId);
        if (run.getModel().isReference()) {
            TrainingState state = state(runId, kind);
            return new LoadedModel(state.model(), vocabularyOf(run), state.iteration());
        }
        StackedTrainingState state = stackedState(runId, kind);
        return new LoadedModel(state.model(), vocabularyOf(run), state.iteration());
    }

    String corpusText(long runId) {
        return corpora.text(requireRun(runId).getCorpusId());
    }

    Vocabulary vocabularyOf(TrainingRun run) {
        return corpora.vocabulary(run.getCorpusId());
    }

    TrainingRun requireRun(long runId) {
        return runs.findById(runId).orElseThrow(() -> ApiException.notFound("run", runId));
    }
}
