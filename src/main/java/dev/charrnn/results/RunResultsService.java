package dev.charrnn.results;

import dev.charrnn.corpus.CorpusService;
import dev.charrnn.inference.LoadedModel;
import dev.charrnn.nn.SeedWeights;
import dev.charrnn.nn.StackedTrainingState;
import dev.charrnn.nn.TorchStateDict;
import dev.charrnn.nn.TrainingState;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.records.CheckpointRepository;
import dev.charrnn.records.GeneratedSampleRepository;
import dev.charrnn.records.TrainingSampleRepository;
import dev.charrnn.runs.RunView;
import dev.charrnn.runs.TrainingRun;
import dev.charrnn.runs.TrainingRunRepository;
import dev.charrnn.system.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
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
    private final CorpusService corpora;

    RunResultsService(
            TrainingRunRepository runs,
            LossSeriesReader lossSeries,
            TrainingSampleRepository samples,
            GeneratedSampleRepository generated,
            CheckpointRepository checkpoints,
            CorpusService corpora) {
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
            @Schema(example = "hello wornd") String sample) {}

    @Schema(name = "GeneratedSample")
    public record GeneratedView(
            @Schema(example = "1") int sampleId,
            @Schema(example = "h") String seedChar,
            @Schema(example = "ello deep learning") String text) {}

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
        requireRun(runId);
        return samples.findByRunIdOrderByIterationAscIdAsc(runId).stream()
                .map(s -> new SampleView(s.getIteration(), s.getLoss(), s.getTemperature(), s.getText()))
                .toList();
    }

    @Transactional(readOnly = true)
    public List<GeneratedView> generated(long runId) {
        requireRun(runId);
        return generated.findByRunIdOrderBySampleId(runId).stream()
                .map(g -> new GeneratedView(g.getSampleId(), g.getSeedChar(), g.getText()))
                .toList();
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
        LoadedModel model = model(runId);
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
        TrainingRun run = requireRun(runId);
        if (run.getModel().isReference()) {
            TrainingState state = latestState(runId);
            return new LoadedModel(state.model(), vocabularyOf(run), state.iteration());
        }
        StackedTrainingState state = latestStackedState(runId);
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
