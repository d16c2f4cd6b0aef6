package dev.charrnn.runs;

import static dev.charrnn.runs.RunStatus.CANCELLED;
import static dev.charrnn.runs.RunStatus.QUEUED;
import static dev.charrnn.runs.RunStatus.RUNNING;
import static dev.charrnn.runs.RunStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.corpus.CorpusRepository;
import dev.charrnn.support.RunFixtures;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.data.domain.PageRequest;

@DataJpaTest
class TrainingRunRepositoryTest {
    private static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-01T11:00:00Z");

    @Autowired
    TrainingRunRepository runs;

    @Autowired
    CorpusRepository corpora;

    @Autowired
    TestEntityManager em;

    long corpusId;

    @BeforeEach
    void corpus() {
        corpusId = RunFixtures.corpus(corpora, "hello world");
    }

    private TrainingRun reload(long id) {
        em.clear();
        return runs.findById(id).orElseThrow();
    }

    @Test
    void markRunningKeepsTheFirstStartTime() {
        long id = RunFixtures.aRun().on(corpusId, 8).saveIn(runs).getId();

        assertThat(runs.markRunning(id, T1, QUEUED, RUNNING)).isEqualTo(1);
        assertThat(reload(id).getStatus()).isEqualTo(RUNNING);
        // A run resumed after a restart is RUNNING already and keeps when it first started.
        assertThat(runs.markRunning(id, T2, QUEUED, RUNNING)).isEqualTo(1);
        TrainingRun run = reload(id);
        assertThat(run.getStatus()).isEqualTo(RUNNING);
        assertThat(run.getStartedAt().truncatedTo(ChronoUnit.SECONDS)).isEqualTo(T1);
    }

    @Test
    void aFinishedRunIsNeverMarkedRunning() {
        long id = RunFixtures.aRun().on(corpusId, 8).saveIn(runs).getId();
        runs.finish(id, CANCELLED, T1, null, null, 0, null, QUEUED, RUNNING);

        assertThat(runs.markRunning(id, T2, QUEUED, RUNNING)).isZero();
        assertThat(reload(id).getStatus()).isEqualTo(CANCELLED);
        assertThat(reload(id).getStartedAt()).isNull();
    }

    @Test
    void finishOnlyFromQueuedOrRunning() {
        long id = RunFixtures.aRun().on(corpusId, 8).saveIn(runs).getId();
        runs.markRunning(id, T1, QUEUED, RUNNING);

        assertThat(runs.finish(id, SUCCEEDED, T2, 17.5, 17.25, 2000, null, QUEUED, RUNNING))
                .isEqualTo(1);
        TrainingRun run = reload(id);
        assertThat(run.getStatus()).isEqualTo(SUCCEEDED);
        assertThat(run.getFinalLoss()).isEqualTo(17.5);
        assertThat(run.getMinLoss()).isEqualTo(17.25);
        assertThat(run.getNumSteps()).isEqualTo(2000);
        assertThat(run.getFinishedAt().truncatedTo(ChronoUnit.SECONDS)).isEqualTo(T2);

        // A late cancel or failure must not overwrite the outcome.
        assertThat(runs.finish(id, RunStatus.FAILED, T2, null, null, null, "late", QUEUED, RUNNING))
                .isZero();
        run = reload(id);
        assertThat(run.getStatus()).isEqualTo(SUCCEEDED);
        assertThat(run.getError()).isNull();
        assertThat(run.getNumSteps()).isEqualTo(2000);
    }

    @Test
    void aQueuedRunCanBeFinishedDirectly() {
        long id = RunFixtures.aRun().on(corpusId, 8).saveIn(runs).getId();

        assertThat(runs.finish(id, CANCELLED, T1, null, null, 0, null, QUEUED, QUEUED))
                .isEqualTo(1);
        assertThat(reload(id).getStatus()).isEqualTo(CANCELLED);
    }

    @Test
    void requestCancelOnlyWhileQueuedOrRunning() {
        long queued = RunFixtures.aRun().on(corpusId, 8).saveIn(runs).getId();
        long running = RunFixtures.aRun().on(corpusId, 8).saveIn(runs).getId();
        long done = RunFixtures.aRun().on(corpusId, 8).saveIn(runs).getId();
        runs.markRunning(running, T1, QUEUED, RUNNING);
        runs.finish(done, SUCCEEDED, T1, 1.0, 1.0, 1, null, QUEUED, RUNNING);

        assertThat(runs.requestCancel(queued, QUEUED, RUNNING)).isEqualTo(1);
        assertThat(runs.requestCancel(running, QUEUED, RUNNING)).isEqualTo(1);
        assertThat(runs.requestCancel(done, QUEUED, RUNNING)).isZero();
        em.clear();
        assertThat(runs.findCancelRequested(List.of(queued, running, done))).containsExactlyInAnyOrder(queued, running);
        assertThat(reload(done).isCancelRequested()).isFalse();
    }

    @Test
    void updateProgressWritesOnlyProgress() {
        long id = RunFixtures.aRun().on(corpusId, 8).saveIn(runs).getId();
        runs.markRunning(id, T1, QUEUED, RUNNING);

        runs.updateProgress(id, 800, 41.5, 250_000.0, 3200);
        TrainingRun run = reload(id);
        assertThat(run.getIteration()).isEqualTo(800);
        assertThat(run.getSmoothLoss()).isEqualTo(41.5);
        assertThat(run.getCharsPerSecond()).isEqualTo(250_000.0);
        assertThat(run.getTrainingMillis()).isEqualTo(3200);
        assertThat(run.getStatus()).isEqualTo(RUNNING);
    }

    @Test
    void pagesAreNewestFirstAndQueuePositionsCountEarlierQueuedRuns() {
        long a = RunFixtures.aRun().on(corpusId, 8).saveIn(runs).getId();
        long b = RunFixtures.aRun().on(corpusId, 8).saveIn(runs).getId();
        long c = RunFixtures.aRun().on(corpusId, 8).saveIn(runs).getId();
        runs.markRunning(a, T1, QUEUED, RUNNING);
        em.clear();

        assertThat(runs.findAllByOrderByIdDesc(PageRequest.of(0, 2))
                        .map(TrainingRun::getId)
                        .getContent())
                .containsExactly(c, b);
        assertThat(runs.findByStatusOrderByIdDesc(QUEUED, PageRequest.of(0, 10))
                        .map(TrainingRun::getId)
                        .getContent())
                .containsExactly(c, b);
        assertThat(runs.countByStatus(QUEUED)).isEqualTo(2);
        assertThat(runs.countQueuedBefore(b, QUEUED)).isZero();
        assertThat(runs.countQueuedBefore(c, QUEUED)).isEqualTo(1);
    }
}
