package dev.charrnn.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.corpus.CorpusInfo;
import dev.charrnn.corpus.CorpusService;
import dev.charrnn.nn.DefaultCorpus;
import dev.charrnn.records.Checkpoint;
import dev.charrnn.records.CheckpointRepository;
import dev.charrnn.records.ValidationPoint;
import dev.charrnn.records.ValidationPointRepository;
import dev.charrnn.runs.TrainingRun;
import dev.charrnn.runs.TrainingRunRepository;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource("classpath:live-test.properties")
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

    @Test
    void aResumedRunRewindsTheValidationPointsAfterItsCheckpointLikeItsLosses() {
        CorpusInfo corpus = corpora.store(DefaultCorpus.TEXT);
        TrainingRun run = new TrainingRun("resume", corpus.id(), corpus.vocabularySize(), 8, 25, 1000, 0.1, 100,
                10, 1, "1.0", null, Instant.now());
        run.holdOut(0.1, 50);
        long id = runs.save(run).getId();
        for (int iteration : new int[] {49, 99, 149}) {
            points.save(new ValidationPoint(id, iteration, 3.0 - iteration / 100.0));
        }
        // a checkpoint taken after 100 iterations (0..99): the point after iteration 99 belongs to it
        checkpoints.save(new Checkpoint(id, 100, new byte[] {1}, Instant.now()));

        store.prepare(id);

        assertThat(points.findFrom(id, 0)).extracting(ValidationPoint::getIteration).containsExactly(49, 99);
    }
}
