package dev.charrnn.results;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.charrnn.corpus.CorpusService;
import dev.charrnn.inference.Novelty;
import dev.charrnn.inference.NoveltyIndex;
import dev.charrnn.runs.TrainingRun;
import dev.charrnn.runs.ValidationSplit;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * One novelty index per training text (a corpus, or its part before a validation split), built on first use and
 * kept for the next samples. Weighed by characters: a 10 MB corpus' index takes about 80 MB, so a few are kept.
 */
@Component
class NoveltyIndexes {
    static final long MAX_CHARACTERS = 30_000_000;

    private record Key(long corpusId, double validationFraction) {}

    private final Cache<Key, NoveltyIndex> indexes = Caffeine.newBuilder()
            .maximumWeight(MAX_CHARACTERS)
            .<Key, NoveltyIndex>weigher((key, index) -> Math.max(1, index.length()))
            .build();
    private final CorpusService corpora;

    NoveltyIndexes(CorpusService corpora) {
        this.corpora = corpora;
    }

    /** Novelty against what {@code run} trained on (its corpus without the held-out part). */
    Function<String, Novelty> of(TrainingRun run) {
        NoveltyIndex index = indexes.get(new Key(run.getCorpusId(), run.getValidationFraction()), key -> {
            String text = corpora.text(key.corpusId());
            if (key.validationFraction() > 0) {
                int characters = text.codePointCount(0, text.length());
                int train =
                        ValidationSplit.of(characters, key.validationFraction()).trainLength();
                text = text.substring(0, text.offsetByCodePoints(0, train));
            }
            return NoveltyIndex.of(text);
        });
        return index::novelty;
    }
}
