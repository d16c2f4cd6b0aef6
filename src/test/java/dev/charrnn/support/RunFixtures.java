package dev.charrnn.support;

import dev.charrnn.corpus.Corpus;
import dev.charrnn.corpus.CorpusInfo;
import dev.charrnn.corpus.CorpusRepository;
import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.runs.RunRequest;
import dev.charrnn.runs.RunStatus;
import dev.charrnn.runs.TrainingRun;
import dev.charrnn.runs.TrainingRunRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs and corpora for tests that store rows without the API. {@code aRun()} is a small run (H = 16, the
 * reference's other hyperparameters, no validation split) that a test adjusts by name:
 * {@code aRun().on(corpus).numIterations(1000).heldOut(0.1, 50).build()}.
 */
public final class RunFixtures {
    private RunFixtures() {}

    /** Stores {@code text} as a corpus; its id. */
    public static long corpus(CorpusRepository corpora, String text) {
        return corpora.saveAndFlush(
                        new Corpus(Integer.toHexString(text.hashCode()), text, text.length(), null, 8, Instant.now()))
                .getId();
    }

    /**
     * Ends stored runs that nothing trains (QUEUED without an execution, or RUNNING after a test's own prepare) as
     * CANCELLED, so that in a shared context they hold no queue position and no test waits for them.
     */
    public static void cancelStored(
            TrainingRunRepository runs, PlatformTransactionManager transactions, Collection<Long> ids) {
        new TransactionTemplate(transactions)
                .executeWithoutResult(t -> ids.forEach(id -> runs.finish(
                        id,
                        RunStatus.CANCELLED,
                        Instant.now(),
                        null,
                        null,
                        0,
                        null,
                        RunStatus.QUEUED,
                        RunStatus.RUNNING)));
    }

    public static Builder aRun() {
        return new Builder();
    }

    public static final class Builder {
        private String name = "test";
        private long corpusId = 1;
        private int vocabularySize = 8;
        private int hiddenSize = 16;
        private int seqLength = TrainingConfig.DEFAULT_SEQ_LENGTH;
        private int numIterations = TrainingConfig.DEFAULT_NUM_ITERATIONS;
        private int sampleEvery = TrainingConfig.DEFAULT_SAMPLE_EVERY;
        private int sampleLength = TrainingConfig.DEFAULT_SAMPLE_LENGTH;
        private long seed = TrainingConfig.DEFAULT_SEED;
        private List<Double> sampleTemperatures = List.of(1.0);
        private double validationFraction;
        private int evalEvery = RunRequest.DEFAULT_EVAL_EVERY;

        private Builder() {}

        public Builder named(String name) {
            this.name = name;
            return this;
        }

        /** On a stored corpus (default: corpus 1 with 8 characters, for runs that never train). */
        public Builder on(CorpusInfo corpus) {
            return on(corpus.id(), corpus.vocabularySize());
        }

        public Builder on(long corpusId, int vocabularySize) {
            this.corpusId = corpusId;
            this.vocabularySize = vocabularySize;
            return this;
        }

        public Builder hiddenSize(int hiddenSize) {
            this.hiddenSize = hiddenSize;
            return this;
        }

        public Builder seqLength(int seqLength) {
            this.seqLength = seqLength;
            return this;
        }

        public Builder numIterations(int numIterations) {
            this.numIterations = numIterations;
            return this;
        }

        public Builder sampleEvery(int sampleEvery) {
            this.sampleEvery = sampleEvery;
            return this;
        }

        public Builder sampleLength(int sampleLength) {
            this.sampleLength = sampleLength;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder sampleTemperatures(Double... temperatures) {
            this.sampleTemperatures = List.of(temperatures);
            return this;
        }

        /** Holds out the corpus' last {@code fraction}, measured every {@code evalEvery} iterations. */
        public Builder heldOut(double fraction, int evalEvery) {
            this.validationFraction = fraction;
            this.evalEvery = evalEvery;
            return this;
        }

        /** The run, QUEUED and not stored. */
        public TrainingRun build() {
            TrainingConfig config = new TrainingConfig(
                    hiddenSize,
                    seqLength,
                    numIterations,
                    TrainingConfig.DEFAULT_LEARNING_RATE,
                    sampleEvery,
                    sampleLength,
                    seed,
                    sampleTemperatures);
            TrainingRun run = new TrainingRun(name, corpusId, vocabularySize, config, null, Instant.now());
            run.holdOut(validationFraction, evalEvery);
            return run;
        }

        /** The run, stored (not queued: nothing trains it until a test enqueues it). */
        public TrainingRun saveIn(TrainingRunRepository runs) {
            return runs.saveAndFlush(build());
        }
    }
}
