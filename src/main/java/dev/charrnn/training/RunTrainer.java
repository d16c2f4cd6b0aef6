package dev.charrnn.training;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.ReferenceOutputs;
import dev.charrnn.nn.StackedTrainer;
import dev.charrnn.nn.StackedTrainingState;
import dev.charrnn.nn.Trainer;
import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.nn.TrainingLoop;
import dev.charrnn.nn.TrainingState;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.records.CheckpointSpace;
import dev.charrnn.runs.RunStatus;
import dev.charrnn.runs.StopReason;
import dev.charrnn.runs.TrainingRun;
import dev.charrnn.system.CharrnnProperties;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Executes one run on a scheduler worker thread: (re)starts it from its checkpoint, trains, and hands losses,
 * samples, progress and checkpoints to the writer thread so the training loop never waits for the database.
 */
@Component
class RunTrainer {
    private static final Logger log = LoggerFactory.getLogger(RunTrainer.class);
    private static final long YIELD_NANOS = 1_000_000;

    private final RunStore store;
    private final CancelSignals cancels;
    private final RunWriter writer;
    private final CharrnnProperties properties;
    private final TrainingMetrics metrics;
    private final InitialWeights initialWeights;
    private final CheckpointSpace checkpointSpace;
    private final int maxValidationChars;

    RunTrainer(
            RunStore store,
            CancelSignals cancels,
            RunWriter writer,
            CharrnnProperties properties,
            TrainingMetrics metrics,
            InitialWeights initialWeights,
            CheckpointSpace checkpointSpace) {
        this.checkpointSpace = checkpointSpace;
        this.maxValidationChars = properties.validationMaxChars();
        this.store = store;
        this.cancels = cancels;
        this.writer = writer;
        this.properties = properties;
        this.metrics = metrics;
        this.initialWeights = initialWeights;
    }

    CompletionHandler<Void> execute(long runId, BooleanSupplier shuttingDown) {
        RunStore.Prepared prepared = store.prepare(runId);
        if (prepared == null) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        AtomicBoolean cancel = cancels.register(runId, prepared.cancelRequested());
        try {
            boolean done = train(runId, prepared, cancel, shuttingDown);
            if (!done) {
                // Back to the queue in its place (its first execution time, not now): this instance or another
                // continues from the checkpoint just written before the runs submitted after it.
                return (complete, operations) ->
                        operations.reschedule(complete, complete.getExecution().getExecutionTime());
            }
        } catch (RuntimeException e) {
            // A write that failed on the writer thread arrives wrapped; what it was decides.
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof DataAccessException || cause instanceof TransactionException) {
                throw e; // the database, not the run: db-scheduler retries and the run resumes from its checkpoint
            }
            log.warn("Run {} failed", runId, cause);
            store.fail(runId, "training failed: " + cause.getMessage());
        } finally {
            cancels.unregister(runId);
            metrics.stopped(runId);
        }
        return new CompletionHandler.OnCompleteRemove<>();
    }

    /** @return true when the run reached a final state, false when it stopped for a shutdown */
    private boolean train(long runId, RunStore.Prepared prepared, AtomicBoolean cancel, BooleanSupplier shuttingDown) {
        TrainingRun run = prepared.run();
        Vocabulary vocabulary = Vocabulary.of(prepared.corpus());
        StopRules rules =
                StopRules.of(run, prepared.checkpoint() == null ? StopRules.History.NONE : store.history(runId));
        HeldOut heldOut = HeldOut.of(run, vocabulary.encode(prepared.corpus()), maxValidationChars)
                .watchedBy(rules);
        int[] data = heldOut.training();
        TrainingConfig config = run.getConfig();
        ModelConfig model = run.getModel();
        TrainingLoop trainer = prepared.checkpoint() == null
                ? start(run, config, vocabulary, data)
                : restore(config, model, vocabulary, data, prepared.checkpoint(), run.getThreads());
        try {
            return train(runId, run, trainer, heldOut, rules, cancel, shuttingDown);
        } finally {
            if (trainer instanceof StackedTrainer stacked) {
                stacked.close(); // its helper threads, if it has any
            }
        }
    }

    private boolean train(
            long runId,
            TrainingRun run,
            TrainingLoop trainer,
            HeldOut heldOut,
            StopRules rules,
            AtomicBoolean cancel,
            BooleanSupplier shuttingDown) {
        TrainingConfig config = run.getConfig();
        ModelConfig model = run.getModel();
        // every stream reads seqLength characters an iteration
        double charsPerIteration = (double) config.seqLength() * model.batchSize();
        LossBuffer buffer = new LossBuffer(runId, trainer.iteration(), trainer.smoothLoss(), rules);
        if (rules.keepsLastGood()) {
            rules.good(Snapshot.of(trainer));
        }
        String diverged = null;
        int recorded = trainer.iteration();
        double recordedSmooth = trainer.smoothLoss();
        long flushNanos = properties.lossFlushInterval().toNanos();
        long checkpointNanos = properties.checkpointInterval().toNanos();
        long start = System.nanoTime();
        long lastFlush = start;
        long lastCheckpoint = start;
        long lastYield = start;
        int iterationAtFlush = trainer.iteration();
        int iterationAtStart = trainer.iteration();
        double charsPerSecond = 0;
        CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);
        RunStatus outcome = RunStatus.SUCCEEDED;
        while (trainer.hasNext()) {
            if (cancel.get()) {
                outcome = RunStatus.CANCELLED;
                break;
            }
            Trainer.Step step = trainer.next();
            diverged = rules.divergence(step.iteration(), step.loss(), step.smoothLoss());
            if (diverged != null) {
                // The diverged iteration is not recorded: the run ends on the losses before it and its last sound
                // state.
                outcome = RunStatus.FAILED;
                break;
            }
            buffer.add(step);
            recorded = trainer.iteration();
            recordedSmooth = step.smoothLoss();
            heldOut.afterIteration(trainer, buffer);
            if (rules.earlyStopIteration() != null) {
                break;
            }
            long now = System.nanoTime();
            if (now - lastYield >= YIELD_NANOS) {
                // With every core training, a request thread that wakes up would otherwise queue behind the
                // training threads for its time slice; offering the core each millisecond keeps reads fast.
                Thread.yield();
                lastYield = now;
            }
            if (now - lastFlush >= flushNanos) {
                pending.join(); // surfaces a failed write and keeps at most one batch in flight
                charsPerSecond =
                        (trainer.iteration() - iterationAtFlush) * charsPerIteration / ((now - lastFlush) / 1e9);
                metrics.progress(runId, charsPerSecond);
                boolean checkpoint = now - lastCheckpoint >= checkpointNanos;
                Snapshot state = checkpoint || rules.keepsLastGood() ? Snapshot.of(trainer) : null;
                rules.good(state);
                Batch batch = buffer.drain(
                        trainer.iteration(),
                        trainer.smoothLoss(),
                        charsPerSecond,
                        millis(run, start, now),
                        checkpoint ? state : null);
                pending = writer.submit(() -> {
                    store.write(batch);
                    if (batch.checkpoint() != null || batch.best() != null) {
                        checkpointSpace.reclaim();
                    }
                });
                lastFlush = now;
                iterationAtFlush = trainer.iteration();
                if (checkpoint) {
                    lastCheckpoint = now;
                }
                if (shuttingDown.getAsBoolean()) {
                    outcome = null;
                    break;
                }
            }
        }
        if (outcome != null && diverged == null) {
            heldOut.atEnd(trainer, buffer);
        }
        long end = System.nanoTime();
        pending.join();
        if (outcome != null && end - start > 0) {
            // A finished run reports its average, not the rate of the moments before it stopped (a cancel can
            // come a few iterations after a flush).
            charsPerSecond = (trainer.iteration() - iterationAtStart) * charsPerIteration / ((end - start) / 1e9);
        } else if (end - lastFlush > 0 && trainer.iteration() > iterationAtFlush) {
            charsPerSecond = (trainer.iteration() - iterationAtFlush) * charsPerIteration / ((end - lastFlush) / 1e9);
        }
        // The closing checkpoint precedes the closing samples: a resumed finished run redraws the same ones.
        Batch last = buffer.drain(
                recorded,
                recordedSmooth,
                charsPerSecond,
                millis(run, start, end),
                diverged == null ? Snapshot.of(trainer) : rules.lastGood());
        if (outcome == null) {
            store.requeue(last);
            log.info("Run {} checkpointed at iteration {} for shutdown", runId, trainer.iteration());
            return false;
        }
        List<Trainer.GeneratedSample> closing =
                outcome == RunStatus.SUCCEEDED ? ReferenceOutputs.closingSamples(trainer) : List.of();
        if (diverged != null) {
            store.finish(last, closing, outcome, diverged, StopReason.DIVERGED, recorded);
        } else if (rules.earlyStopIteration() != null) {
            store.finish(last, closing, outcome, null, StopReason.EARLY_STOPPED, rules.earlyStopIteration());
        } else {
            store.finish(last, closing, outcome, null);
        }
        return true;
    }

    /**
     * The reference configuration trains through the reference's own loop, every other one through the stacked
     * models' (ModelConfig.isReference). A continued run starts from its source's weights (and optimizer state);
     * its generator is still seeded with its own seed.
     */
    private TrainingLoop start(TrainingRun run, TrainingConfig config, Vocabulary vocabulary, int[] data) {
        InitialWeights.Start start = initialWeights.of(run);
        ModelConfig model = run.getModel();
        if (model.isReference()) {
            return start == null
                    ? Trainer.start(config, vocabulary, data, null, null)
                    : Trainer.start(config, vocabulary, data, start.weights(), start.memories());
        }
        return start == null
                ? StackedTrainer.start(config, model, vocabulary, data, null, null, run.getThreads())
                : StackedTrainer.start(
                        config, model, vocabulary, data, start.stacked(), start.optimizer(), run.getThreads());
    }

    /** A run resumed from its checkpoint trains on the threads it was submitted with (the bits are the same). */
    private static TrainingLoop restore(
            TrainingConfig config,
            ModelConfig model,
            Vocabulary vocabulary,
            int[] data,
            byte[] checkpoint,
            int threads) {
        return model.isReference()
                ? Trainer.restore(config, vocabulary, data, TrainingState.fromBytes(checkpoint))
                : StackedTrainer.restore(
                        config, model, vocabulary, data, StackedTrainingState.fromBytes(checkpoint), threads);
    }

    private static long millis(TrainingRun run, long start, long now) {
        return run.getTrainingMillis() + (now - start) / 1_000_000;
    }
}
