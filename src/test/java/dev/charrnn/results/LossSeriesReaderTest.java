package dev.charrnn.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.corpus.CorpusRepository;
import dev.charrnn.records.LossChunk;
import dev.charrnn.records.LossChunkRepository;
import dev.charrnn.records.ValidationPointRepository;
import dev.charrnn.runs.TrainingRun;
import dev.charrnn.runs.TrainingRunRepository;
import dev.charrnn.support.RunFixtures;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;

/** A reader that has followed a run as it grew (and was rewound) answers what a new reader reads. */
@DataJpaTest
class LossSeriesReaderTest {
    @Autowired
    LossChunkRepository losses;

    @Autowired
    ValidationPointRepository validation;

    @Autowired
    TrainingRunRepository runs;

    @Autowired
    CorpusRepository corpora;

    @Autowired
    TestEntityManager em;

    LossSeriesReader polling;
    long runId;

    @BeforeEach
    void run() {
        polling = new LossSeriesReader(losses, validation);
        runId = RunFixtures.aRun()
                .on(RunFixtures.corpus(corpora, "hello world"), 8)
                .saveIn(runs)
                .getId();
    }

    private static double[] raw(int first, int count, double shift) {
        return IntStream.range(first, first + count)
                .mapToDouble(i -> 80.0 - Math.log1p(i) + shift)
                .toArray();
    }

    /**
     * Records iterations [first, first + count) as the writer does (chunks of up to 120 points here) and moves the
     * run's progress there.
     */
    private void record(int first, int count, double shift) {
        LossChunk last = losses.findLast(runId).orElse(null);
        if (last != null
                && last.getFirstIteration() + last.getPointCount() == first
                && last.getPointCount() + count <= 120) {
            last.append(raw(first, count, shift), count);
        } else {
            losses.save(new LossChunk(runId, first, 80.0, raw(first, count, shift), count));
        }
        runs.updateProgress(runId, first + count, null, null, 0);
        em.flush();
        em.clear();
    }

    private void assertReadsAsNew(int from, Integer maxPoints) {
        TrainingRun run = runs.findById(runId).orElseThrow();
        RunResultsService.LossSeries followed = polling.read(run, from, maxPoints);
        RunResultsService.LossSeries fresh = new LossSeriesReader(losses, validation).read(run, from, maxPoints);
        assertThat(followed.iterations()).containsExactly(fresh.iterations());
        assertThat(followed.smoothLoss()).containsExactly(fresh.smoothLoss());
        assertThat(followed.loss()).containsExactly(fresh.loss());
    }

    /** Every view agrees with a new reader; the followed series then holds {@code points} points. */
    private RunResultsService.LossSeries assertFollowed(int points) {
        assertReadsAsNew(0, null);
        assertReadsAsNew(0, 50);
        assertReadsAsNew(130, null);
        RunResultsService.LossSeries series = polling.read(runs.findById(runId).orElseThrow(), 0, null);
        assertThat(series.iterations()).hasSize(points);
        return series;
    }

    @Test
    void followsARunAsItGrowsAndWhenItIsRewound() {
        record(0, 100, 0);
        assertFollowed(100);

        record(100, 60, 0);
        record(160, 40, 0);
        assertFollowed(200);

        // resumed from a checkpoint at 150: what followed is rewritten (here with other values, to tell them apart)
        rewindTo(150);
        record(150, 20, 0.5);
        assertThat(assertFollowed(170).loss()[160]).isEqualTo(80.0 - Math.log1p(160) + 0.5);

        // rewound again, and grown past the end the reader last saw before it reads
        rewindTo(160);
        record(160, 60, 1.0);
        assertThat(assertFollowed(220).loss()[165]).isEqualTo(80.0 - Math.log1p(165) + 1.0);
    }

    private void rewindTo(int iteration) {
        LossChunk chunk = losses.findFrom(runId, iteration).get(0);
        chunk.truncate(iteration - chunk.getFirstIteration());
        losses.deleteFrom(runId, iteration + 1);
        em.flush();
        em.clear();
    }
}
