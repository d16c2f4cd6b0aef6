package dev.charrnn.run;

import dev.charrnn.corpus.Corpus;
import dev.charrnn.corpus.CorpusRepository;
import java.time.Instant;

/** Rows the repository tests build on. */
final class StoredRuns {
    private StoredRuns() {
    }

    static long corpus(CorpusRepository corpora, String text) {
        return corpora.saveAndFlush(new Corpus(Integer.toHexString(text.hashCode()), text, text.length(), null, 8,
                Instant.now())).getId();
    }

    static TrainingRun run(TrainingRunRepository runs, long corpusId) {
        return runs.saveAndFlush(new TrainingRun("test", corpusId, 8, 16, 25, 2000, 0.1, 200, 100, 42, "1.0", null,
                Instant.now()));
    }
}
