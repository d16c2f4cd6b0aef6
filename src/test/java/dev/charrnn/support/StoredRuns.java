package dev.charrnn.support;

import dev.charrnn.corpus.Corpus;
import dev.charrnn.corpus.CorpusRepository;
import dev.charrnn.runs.TrainingRun;
import dev.charrnn.runs.TrainingRunRepository;
import java.time.Instant;

/** Rows the repository tests build on. */
public final class StoredRuns {
    private StoredRuns() {
    }

    public static long corpus(CorpusRepository corpora, String text) {
        return corpora.saveAndFlush(new Corpus(Integer.toHexString(text.hashCode()), text, text.length(), null, 8,
                Instant.now())).getId();
    }

    public static TrainingRun run(TrainingRunRepository runs, long corpusId) {
        return runs.saveAndFlush(new TrainingRun("test", corpusId, 8, 16, 25, 2000, 0.1, 200, 100, 42, "1.0", null,
                Instant.now()));
    }
}
