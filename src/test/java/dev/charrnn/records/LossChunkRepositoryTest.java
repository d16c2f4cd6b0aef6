package dev.charrnn.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.corpus.CorpusRepository;
import dev.charrnn.nn.DefaultCorpus;
import dev.charrnn.nn.SmoothLoss;
import dev.charrnn.nn.Trainer;
import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.runs.TrainingRunRepository;
import dev.charrnn.support.RunFixtures;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;

@DataJpaTest
class LossChunkRepositoryTest {
    @Autowired
    LossChunkRepository losses;

    @Autowired
    TrainingRunRepository runs;

    @Autowired
    CorpusRepository corpora;

    @Autowired
    TestEntityManager em;

    long runId;
    long otherRunId;

    @BeforeEach
    void runs() {
        long corpusId = RunFixtures.corpus(corpora, "hello world");
        runId = RunFixtures.aRun().on(corpusId, 8).saveIn(runs).getId();
        otherRunId = RunFixtures.aRun().on(corpusId, 8).saveIn(runs).getId();
    }

    private void store(long run, int first, int count) {
        double[] raw =
                IntStream.range(0, count).mapToDouble(i -> first + i + 0.5).toArray();
        losses.save(new LossChunk(run, first, 80.0, raw, count));
    }

    /** Chunks [0, 100), [100, 250), [250, 300) of the run. */
    private void storeIterations0To300() {
        store(runId, 0, 100);
        store(runId, 100, 150);
        store(runId, 250, 50);
    }

    private List<Integer> firstIterationsFrom(int from) {
        em.flush();
        em.clear();
        return losses.findFrom(runId, from).stream()
                .map(LossChunk::getFirstIteration)
                .toList();
    }

    @Test
    void roundTripKeepsEveryBit() {
        double[] raw = {79.45981173373761, Double.MIN_VALUE, -0.0, 1e308, Math.PI, 0.1 + 0.2};
        losses.save(new LossChunk(runId, 0, 79.4513542246737, raw, raw.length));
        em.flush();
        em.clear();

        LossChunk back = losses.findById(new LossChunk.Key(runId, 0)).orElseThrow();
        assertThat(back.getPointCount()).isEqualTo(raw.length);
        assertThat(back.getSmoothStart()).isEqualTo(79.4513542246737);
        assertThat(bits(LossCodec.unpack(back.getRawLosses()))).containsExactly(bits(raw));
    }

    @Test
    void findFromReturnsTheChunksThatReachTheIteration() {
        storeIterations0To300();
        store(otherRunId, 0, 300);

        assertThat(firstIterationsFrom(0)).containsExactly(0, 100, 250);
        assertThat(firstIterationsFrom(99)).containsExactly(0, 100, 250);
        assertThat(firstIterationsFrom(100)).containsExactly(100, 250);
        assertThat(firstIterationsFrom(299)).containsExactly(250);
        assertThat(firstIterationsFrom(300)).isEmpty();
    }

    @Test
    void deleteFromRemovesWholeChunksOfThatRunOnly() {
        storeIterations0To300();
        store(otherRunId, 100, 10);

        assertThat(losses.deleteFrom(runId, 100)).isEqualTo(2);
        assertThat(firstIterationsFrom(0)).containsExactly(0);
        assertThat(losses.findFrom(otherRunId, 0)).hasSize(1);
        assertThat(losses.deleteByRun(otherRunId)).isEqualTo(1);
    }

    @Test
    void truncateKeepsTheFirstPoints() {
        store(runId, 0, 100);
        em.flush();
        em.clear();

        losses.findById(new LossChunk.Key(runId, 0)).orElseThrow().truncate(40);
        em.flush();
        em.clear();
        LossChunk back = losses.findById(new LossChunk.Key(runId, 0)).orElseThrow();
        assertThat(back.getPointCount()).isEqualTo(40);
        assertThat(LossCodec.unpack(back.getRawLosses()))
                .hasSize(40)
                .startsWith(0.5, 1.5)
                .endsWith(39.5);
    }

    /** Stored in uneven chunks as the writer does, the rebuilt smooth losses are the trainer's, bit for bit. */
    @Test
    void smoothLossesRebuiltFromStoredChunksAreTheTrainersExactly() {
        TrainingConfig config = new TrainingConfig(32, 25, 500, 0.1, 100, 20, 7, List.of(1.0));
        Vocabulary vocabulary = Vocabulary.of(DefaultCorpus.TEXT);
        Trainer trainer = Trainer.start(config, vocabulary, vocabulary.encode(DefaultCorpus.TEXT), null, null);
        double[] smooth = new double[config.numIterations()];
        int[] chunkEnds = {1, 37, 238, 500};
        int first = 0;
        for (int end : chunkEnds) {
            double smoothStart = trainer.smoothLoss();
            double[] raw = new double[end - first];
            for (int i = 0; i < raw.length; i++) {
                Trainer.Step step = trainer.next();
                raw[i] = step.loss();
                smooth[first + i] = step.smoothLoss();
            }
            losses.save(new LossChunk(runId, first, smoothStart, raw, raw.length));
            first = end;
        }
        em.flush();
        em.clear();

        double[] rebuilt = losses.findFrom(runId, 0).stream()
                .map(c -> SmoothLoss.series(c.getSmoothStart(), LossCodec.unpack(c.getRawLosses())))
                .flatMapToDouble(Arrays::stream)
                .toArray();
        assertThat(bits(rebuilt)).containsExactly(bits(smooth));
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
