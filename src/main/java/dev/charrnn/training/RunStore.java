package dev.charrnn.training;

import dev.charrnn.corpus.CorpusService;
import dev.charrnn.nn.SmoothLoss;
import dev.charrnn.nn.Trainer;
import dev.charrnn.records.BestCheckpoint;
import dev.charrnn.records.BestCheckpointRepository;
import dev.charrnn.records.Checkpoint;
import dev.charrnn.records.CheckpointRepository;
import dev.charrnn.records.GeneratedSample;
import dev.charrnn.records.GeneratedSampleRepository;
import dev.charrnn.records.LossChunk;
import dev.charrnn.records.LossChunkRepository;
import dev.charrnn.records.LossCodec;
import dev.charrnn.records.TrainingSample;
import dev.charrnn.records.TrainingSampleRepository;
import dev.charrnn.records.ValidationPoint;
import dev.charrnn.records.ValidationPointRepository;
import dev.charrnn.runs.RunStatus;
import dev.charrnn.runs.StopReason;
import dev.charrnn.runs.TrainingRun;
import dev.charrnn.runs.TrainingRunRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The training task's reads and writes, each a transaction of its own. */
@Component
class RunStore {
    static final int CHUNK_POINTS = 8192;
    private final TrainingRunRepository runs;
    private final LossChunkRepository losses;
    private final TrainingSampleRepository samples;
    private final GeneratedSampleRepository generated;
    private final CheckpointRepository checkpoints;
    private final CorpusService corpora;
    private final ValidationPointRepository validation;
    private final BestCheckpointRepository bestCheckpoints;

    RunStore(
            TrainingRunRepository runs,
            LossChunkRepository losses,
            TrainingSampleRepository samples,
            GeneratedSampleRepository generated,
            CheckpointRepository checkpoints,
            CorpusService corpora,
            ValidationPointRepository validation,
            BestCheckpointRepository bestCheckpoints) {
        this.validation = validation;
        this.bestCheckpoints = bestCheckpoints;
        this.runs = runs;
        this.losses = losses;
        this.samples = samples;
        this.generated = generated;
        this.checkpoints = checkpoints;
        this.corpora = corpora;
    }

    /** What a worker needs to (re)start a run. */
    record Prepared(TrainingRun run, String corpus, byte[] checkpoint, boolean cancelRequested) {}

    /**
     * Marks the run RUNNING and rewinds what it recorded after its last checkpoint, so a resumed run writes
     * every iteration exactly once. Null when the run is finished or gone (nothing to execute).
     */
    @Transactional
    public Prepared prepare(long runId) {
        TrainingRun run = runs.findById(runId).orElse(null);
        if (run == null || run.getStatus().isFinished()) {
            return null;
        }
        runs.markRunning(runId, Instant.now(), RunStatus.QUEUED, RunStatus.RUNNING);
        Checkpoint checkpoint = checkpoints.findById(runId).orElse(null);
        int from = checkpoint == null ? 0 : checkpoint.getIteration();
        rewindLosses(runId, from);
        samples.deleteFrom(runId, from);
        validation.deleteFrom(runId, from);
        generated.deleteByRun(runId);
        return new Prepared(
                run,
                corpora.text(run.getCorpusId()),
                checkpoint == null ? null : checkpoint.getState(),
                run.isCancelRequested());
    }

    private void rewindLosses(long runId, int from) {
        for (LossChunk c : losses.findFrom(runId, from)) {
            if (c.getFirstIteration() < from) {
                c.truncate(from - c.getFirstIteration());
            }
        }
        losses.deleteFrom(runId, from);
    }

    /** Writes one batch: losses, samples, progress and, when present, the checkpoint that follows them. */
    @Transactional
    public void write(Batch b) {
        if (b.count() > 0) {
            appendLosses(b);
        }
        if (!b.samples().isEmpty()) {
            List<TrainingSample> rows = new ArrayList<>(b.samples().size());
            for (Trainer.TrainingSample s : b.samples()) {
                rows.add(new TrainingSample(b.runId(), s.iteration(), s.temperature(), s.loss(), s.text()));
            }
            samples.saveAll(rows);
        }
        for (Batch.Validation v : b.validation()) {
            // save merges: a finished run resumed from its closing checkpoint measures its last point again
            validation.save(new ValidationPoint(b.runId(), v.iteration(), v.lossPerChar()));
        }
        runs.updateProgress(b.runId(), b.iteration(), b.smoothLoss(), b.charsPerSecond(), b.trainingMillis());
        if (b.checkpoint() != null) {
            byte[] state = b.checkpoint().toBytes();
            Checkpoint c = checkpoints.findById(b.runId()).orElse(null);
            if (c == null) {
                checkpoints.save(new Checkpoint(b.runId(), b.checkpoint().iteration(), state, Instant.now()));
            } else {
                c.replace(b.checkpoint().iteration(), state, Instant.now());
            }
        }
        if (b.best() != null) {
            writeBest(b.runId(), b.best());
        }
    }

    private void writeBest(long runId, StopRules.Best best) {
        byte[] state = best.state().toBytes();
        int iteration = best.state().iteration();
        BestCheckpoint c = bestCheckpoints.findById(runId).orElse(null);
        if (c == null) {
            bestCheckpoints.save(new BestCheckpoint(
                    runId, iteration, best.validationIteration(), best.lossPerChar(), state, Instant.now()));
        } else {
            c.replace(iteration, best.validationIteration(), best.lossPerChar(), state, Instant.now());
        }
    }

    /** What a run resumed from its checkpoint recorded before it, for its stop rules. */
    @Transactional(readOnly = true)
    public StopRules.History history(long runId) {
        List<LossChunk> first = losses.findFrom(runId, 0);
        Double firstLoss = first.isEmpty() || first.get(0).getFirstIteration() != 0
                ? null
                : LossCodec.unpack(first.get(0).getRawLosses())[0];
        List<Batch.Validation> points = validation.findFrom(runId, 0).stream()
                .map(v -> new Batch.Validation(v.getIteration(), v.getLossPerChar()))
                .toList();
        return new StopRules.History(firstLoss, points);
    }

    /**
     * Batches arrive every second or so; small ones are merged into the run's last chunk (up to
     * {@link #CHUNK_POINTS}) so that a long run is a few hundred rows, not one row per flush.
     */
    private void appendLosses(Batch b) {
        LossChunk last = losses.findLast(b.runId()).orElse(null);
        if (last != null
                && last.getFirstIteration() + last.getPointCount() == b.firstIteration()
                && last.getPointCount() + b.count() <= CHUNK_POINTS) {
            last.append(b.rawLosses(), b.count());
        } else {
            losses.save(new LossChunk(b.runId(), b.firstIteration(), b.smoothStart(), b.rawLosses(), b.count()));
        }
    }

    /** Writes the last batch of a run stopped by a shutdown, which waits in the queue again (QUEUED) until resumed. */
    @Transactional
    public void requeue(Batch last) {
        write(last);
        runs.markQueued(last.runId(), RunStatus.RUNNING, RunStatus.QUEUED);
    }

    /**
     * Writes the last batch and closes the run with its summary over every recorded smooth loss.
     */
    @Transactional
    public void finish(Batch last, List<Trainer.GeneratedSample> closing, RunStatus status, String error) {
        finish(last, closing, status, error, StopReason.of(status), null);
    }

    /** As {@link #finish(Batch, List, RunStatus, String)}, saying why and after which iteration it stopped. */
    @Transactional
    public void finish(
            Batch last,
            List<Trainer.GeneratedSample> closing,
            RunStatus status,
            String error,
            StopReason reason,
            Integer stopIteration) {
        write(last);
        for (Trainer.GeneratedSample g : closing) {
            generated.save(new GeneratedSample(last.runId(), g.sampleId(), g.seedChar(), g.text()));
        }
        SmoothLoss.Summary summary = new SmoothLoss.Summary();
        for (LossChunk c : losses.findFrom(last.runId(), 0)) {
            summary.addAll(SmoothLoss.series(c.getSmoothStart(), LossCodec.unpack(c.getRawLosses())));
        }
        boolean none = summary.numSteps() == 0;
        validation
                .findFirstByRunIdOrderByLossPerCharAscIterationAsc(last.runId())
                .ifPresent(best -> runs.recordBestValidation(last.runId(), best.getLossPerChar(), best.getIteration()));
        int changed = runs.finish(
                last.runId(),
                status,
                Instant.now(),
                none ? null : summary.finalLoss(),
                none ? null : summary.minLoss(),
                summary.numSteps(),
                error,
                RunStatus.QUEUED,
                RunStatus.RUNNING);
        if (changed > 0 && status == RunStatus.CANCELLED) {
            // a cancel may have come with its reason (a sweep's pruning)
            runs.recordStopUnlessRequested(last.runId(), reason.name(), stopIteration);
        } else if (changed > 0) {
            runs.recordStop(last.runId(), reason, stopIteration);
        }
    }

    /** Closes a run that could not train, keeping what it recorded. */
    @Transactional
    public void fail(long runId, String error) {
        int changed = runs.finish(
                runId, RunStatus.FAILED, Instant.now(), null, null, null, error, RunStatus.QUEUED, RunStatus.RUNNING);
        if (changed > 0) {
            runs.recordStop(runId, StopReason.FAILED, null);
        }
    }

    @Transactional(readOnly = true)
    public List<Long> cancelRequested(java.util.Collection<Long> runIds) {
        return runs.findCancelRequested(runIds);
    }
}
