package dev.charrnn.runs;

import dev.charrnn.corpus.CorpusInfo;
import dev.charrnn.corpus.CorpusService;
import dev.charrnn.nn.DefaultCorpus;
import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.system.ApiException;
import dev.charrnn.system.CharrnnProperties;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Submitting, reading, cancelling and deleting runs. */
@Service
public class RunService {
    private final TrainingRunRepository runs;
    private final CorpusService corpora;
    private final RunQueue queue;
    private final RunDataCleaner cleaner;
    private final AdmissionGateRepository gate;
    private final CharrnnProperties properties;
    private final InitSources initSources;
    private final RunTags tags;

    RunService(
            TrainingRunRepository runs,
            CorpusService corpora,
            RunQueue queue,
            RunDataCleaner cleaner,
            AdmissionGateRepository gate,
            CharrnnProperties properties,
            InitSources initSources,
            RunTags tags) {
        this.tags = tags;
        this.runs = runs;
        this.gate = gate;
        this.corpora = corpora;
        this.queue = queue;
        this.cleaner = cleaner;
        this.properties = properties;
        this.initSources = initSources;
    }

    /** The outcome of a submission: the run, and whether this call created it (false: idempotent replay). */
    public record Submitted(RunView run, boolean created) {}

    /**
     * Stores and queues a run. {@code uploadedCorpus} is a multipart file's text, if any.
     */
    @Transactional
    public Submitted submit(RunRequest request, String uploadedCorpus, String idempotencyKey) {
        return submit(request, uploadedCorpus, idempotencyKey, null);
    }

    /** As {@link #submit(RunRequest, String, String)}, for a trial of sweep {@code sweepId}. */
    @Transactional
    public Submitted submit(RunRequest request, String uploadedCorpus, String idempotencyKey, Long sweepId) {
        gate.lock(AdmissionGate.THE_GATE);
        String requestSha256 = idempotencyKey == null ? null : IdempotencyKeys.fingerprint(request, uploadedCorpus);
        if (idempotencyKey != null) {
            var existing = runs.findByIdempotencyKey(idempotencyKey);
            if (existing.isPresent()) {
                IdempotencyKeys.requireSameRequest(existing.get(), requestSha256);
                return new Submitted(view(existing.get()), false);
            }
        }
        long queued = runs.countByStatus(RunStatus.QUEUED);
        if (queued >= properties.maxQueuedRuns()) {
            throw new QueueFullException(queued);
        }
        CorpusInfo corpus = resolveCorpus(request, uploadedCorpus);
        InitSources.Source source = initSources.resolve(request, corpus.id());
        int hidden =
                source != null ? source.hiddenSize() : or(request.hiddenSize(), TrainingConfig.DEFAULT_HIDDEN_SIZE);
        int seqLength = or(request.seqLength(), TrainingConfig.DEFAULT_SEQ_LENGTH);
        if (corpus.characters() < seqLength + 1) {
            throw ApiException.badRequest("the corpus has " + corpus.characters() + " characters; seqLength "
                    + seqLength + " needs at least " + (seqLength + 1) + " (inputs and their next characters)");
        }
        double validationFraction = request.validationFraction() == null ? 0 : request.validationFraction();
        int trainCharacters = corpus.characters();
        if (validationFraction > 0) {
            trainCharacters = ValidationSplit.checked(corpus.characters(), validationFraction, seqLength)
                    .trainLength();
        }
        ModelConfig model = RunModels.requested(request, source);
        int threads = threads(request, model);
        if (model.batchSize() > 1 && (long) model.batchSize() * (seqLength + 1) > trainCharacters) {
            throw ApiException.badRequest("batchSize " + model.batchSize() + " splits the " + trainCharacters
                    + " training characters into streams of " + trainCharacters / model.batchSize()
                    + "; each needs at least seqLength + 1 = " + (seqLength + 1));
        }
        long parameters = RunModels.parameterCount(model, hidden, corpus.vocabularySize());
        if (parameters > properties.maxParameters()) {
            throw ApiException.badRequest("hiddenSize " + hidden + RunModels.describe(model) + " with a vocabulary of "
                    + corpus.vocabularySize() + " characters makes " + parameters
                    + " parameters; the limit (charrnn.max-parameters) is " + properties.maxParameters());
        }
        TrainingRun run = new TrainingRun(
                request.name(),
                corpus.id(),
                corpus.vocabularySize(),
                request.config(hidden),
                idempotencyKey,
                Instant.now());
        run.trainModel(model);
        run.trainOn(threads);
        if (source != null) {
            run.initFrom(source.runId(), source.modelId(), source.resumeOptimizer());
            run.initFromCheckpoint(source.checkpoint());
        }
        run.holdOut(validationFraction, or(request.evalEvery(), RunRequest.DEFAULT_EVAL_EVERY));
        run.identifyRequest(requestSha256);
        stopRules(run, request, validationFraction);
        run.joinSweep(sweepId);
        runs.save(run);
        queue.enqueue(run.getId());
        return new Submitted(RunView.of(run, corpus, queuePosition(run), List.of()), true);
    }

    /** The threads the run trains on: 1 unless asked, and within the instance's bound (charrnn.max-threads). */
    private int threads(RunRequest request, ModelConfig model) {
        int threads;
        try {
            threads = request.threads(model);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid fields: " + e.getMessage());
        }
        if (threads > properties.maxThreads()) {
            throw ApiException.badRequest("invalid fields: threads " + threads + " is above this instance's limit "
                    + "(charrnn.max-threads) of " + properties.maxThreads());
        }
        return threads;
    }

    private static void stopRules(TrainingRun run, RunRequest request, double validationFraction) {
        RunRequest.EarlyStopping early = request.earlyStopping();
        if (early != null && early.patience() == null) {
            throw ApiException.badRequest(
                    "earlyStopping.patience is required: the validation points to wait for an " + "improvement");
        }
        if (early != null && validationFraction <= 0) {
            throw ApiException.badRequest("earlyStopping needs validationFraction > 0: it watches the validation loss");
        }
        run.stopRules(
                early == null ? null : early.patience(),
                early == null ? null : or(early.minDelta(), 0.0),
                or(request.divergenceFactor(), RunRequest.DEFAULT_DIVERGENCE_FACTOR));
    }

    private CorpusInfo resolveCorpus(RunRequest request, String uploaded) {
        int given =
                (request.corpus() != null ? 1 : 0) + (request.corpusId() != null ? 1 : 0) + (uploaded != null ? 1 : 0);
        if (given > 1) {
            throw ApiException.badRequest("give the corpus one way only: corpus (text), corpusId or a file");
        }
        if (request.corpusId() != null) {
            try {
                return corpora.get(request.corpusId());
            } catch (ApiException e) {
                throw ApiException.badRequest("corpusId " + request.corpusId() + " does not exist");
            }
        }
        String text = uploaded != null ? uploaded : request.corpus() != null ? request.corpus() : DefaultCorpus.TEXT;
        return corpora.store(text);
    }

    @Transactional(readOnly = true)
    public RunView get(long id) {
        return view(find(id));
    }

    /**
     * A queued run is cancelled at once; a running one is asked to stop (its worker notices within a second and
     * keeps what it recorded).
     */
    @Transactional
    public RunView cancel(long id) {
        return stop(id, StopReason.CANCELLED, null);
    }

    /**
     * Cancels the run for {@code reason} (a sweep's pruning: PRUNED after {@code iteration}), which its finished
     * view then gives as its stopReason; as {@link #cancel(long)} otherwise.
     */
    @Transactional
    public RunView stop(long id, StopReason reason, Integer iteration) {
        TrainingRun run = find(id);
        if (run.getStatus().isFinished()) {
            throw ApiException.conflict("run " + id + " is already " + run.getStatus());
        }
        int changed;
        if (run.getStatus() == RunStatus.QUEUED && queue.removeWaiting(id)) {
            changed = runs.finish(
                    id, RunStatus.CANCELLED, Instant.now(), null, null, 0, null, RunStatus.QUEUED, RunStatus.QUEUED);
            if (changed > 0) {
                runs.recordStop(id, reason, iteration);
            }
        } else {
            changed = runs.requestCancel(id, RunStatus.QUEUED, RunStatus.RUNNING);
            if (changed > 0 && reason != StopReason.CANCELLED) {
                runs.recordStop(id, reason, iteration); // kept when its worker closes it CANCELLED
            }
        }
        TrainingRun now = runs.findById(id).orElseThrow(() -> ApiException.notFound("run", id));
        if (changed == 0) {
            // it finished between the read above and the update: nothing was cancelled
            throw ApiException.conflict(
                    "run " + id + " is already " + now.getStatus() + "; it finished before " + "the cancel arrived");
        }
        return view(now);
    }

    /**
     * Deletes a finished run and everything it recorded, unless an unfinished continuation still needs its weights.
     * The admission gate orders it with submissions, so no continuation of it can be admitted meanwhile.
     */
    @Transactional
    public void delete(long id) {
        gate.lock(AdmissionGate.THE_GATE);
        TrainingRun run = find(id);
        if (!run.getStatus().isFinished()) {
            throw ApiException.conflict("run " + id + " is " + run.getStatus() + "; cancel it first");
        }
        List<Long> continuations =
                runs.findUnfinishedContinuationsOf(id, RunStatus.QUEUED.name(), RunStatus.RUNNING.name());
        if (!continuations.isEmpty()) {
            throw ApiException.conflict("run " + id + " holds the initial weights of unfinished run"
                    + (continuations.size() == 1 ? " " : "s ")
                    + continuations.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " (initFrom.runId); delete it once they have finished or been cancelled");
        }
        cleaner.deleteRunData(id);
        runs.delete(run);
    }

    TrainingRun find(long id) {
        return runs.findById(id).orElseThrow(() -> ApiException.notFound("run", id));
    }

    RunView view(TrainingRun run) {
        return RunView.of(run, corpora.get(run.getCorpusId()), queuePosition(run), tags.of(run.getId()));
    }

    Long queuePosition(TrainingRun run) {
        return run.getStatus() == RunStatus.QUEUED ? runs.countQueuedBefore(run.getId(), RunStatus.QUEUED) + 1 : null;
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static double or(Double value, double fallback) {
        return value == null ? fallback : value;
    }

    /** Too many runs waiting: answered 429 with Retry-After. */
    public static class QueueFullException extends ApiException {
        public QueueFullException(long queued) {
            super(
                    HttpStatus.TOO_MANY_REQUESTS,
                    queued + " runs are waiting, the limit (charrnn.max-queued-runs); "
                            + "try again when some have started");
        }

        @Override
        public HttpHeaders headers() {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "10");
            return headers;
        }
    }
}
