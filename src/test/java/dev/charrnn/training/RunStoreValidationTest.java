package dev.charrnn.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.corpus.CorpusInfo;
import dev.charrnn.corpus.CorpusService;
import dev.charrnn.nn.DefaultCorpus;
import dev.charrnn.records.Checkpoint;
import dev.charrnn.records.CheckpointRepository;
import dev.charrnn.records.ValidationPoint;
import dev.charrnn.records.ValidationPointRepository;
import dev.charrnn.runs.TrainingRunRepository;
import dev.charrnn.support.RunFixtures;
import dev.charrnn.support.ServiceTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

@ServiceTest
class RunStoreValidationTest {
    @Autowired
    RunStore store;

    @Autowired
    TrainingRunRepository runs;

    @Autowired
    CorpusService corpora;

    @Autowired
    CheckpointRepository checkpoints;

    @Autowired
    ValidationPointRepository points;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aResumedRunRewindsTheValidationPointsAfterItsCheckpointLikeItsLosses() {
        CorpusInfo corpus = corpora.store(DefaultCorpus.TEXT);
        long id = RunFixtures.aRun()
                .named("resume")
                .on(corpus)
                .hiddenSize(8)
                .numIterations(1000)
                .heldOut(0.1, 50)
                .saveIn(runs)
                .getId();
        for (int iteration : new int[] {49, 99, 149}) {
            points.save(new ValidationPoint(id, iteration, 3.0 - iteration / 100.0));
        }
        // a checkpoint taken after 100 iterations (0..99): the point after iteration 99 belongs to it
        checkpoints.save(new Checkpoint(id, 100, new byte[] {1}, Instant.now()));

        store.prepare(id);

        assertThat(points.findFrom(id, 0))
                .extracting(ValidationPoint::getIteration)
                .containsExactly(49, 99);
        RunFixtures.cancelStored(runs, transactions, List.of(id)); // prepared, so RUNNING, but nothing trains it
    }
}
