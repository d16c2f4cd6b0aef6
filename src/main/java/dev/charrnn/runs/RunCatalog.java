package dev.charrnn.runs;

import dev.charrnn.corpus.CorpusInfo;
import dev.charrnn.corpus.CorpusService;
import dev.charrnn.system.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.MultiValueMap;

/** Finding runs (filters, sorts, pages) and what people write about them (name, tags, notes). */
@Service
public class RunCatalog {
    private final RunService runs;
    private final TrainingRunRepository repository;
    private final RunSearch search;
    private final RunTags tags;
    private final CorpusService corpora;

    RunCatalog(
            RunService runs, TrainingRunRepository repository, RunSearch search, RunTags tags, CorpusService corpora) {
        this.runs = runs;
        this.repository = repository;
        this.search = search;
        this.tags = tags;
        this.corpora = corpora;
    }

    /** One page of runs, filtered and sorted as {@link RunSearch} reads {@code parameters}; newest first by default. */
    @Transactional(readOnly = true)
    public RunPage list(MultiValueMap<String, String> parameters, int page, int size) {
        if (page < 0 || size < 1 || size > 100) {
            throw ApiException.badRequest(
                    "page must be >= 0 and size between 1 and 100, got page=" + page + ", size=" + size);
        }
        if ((long) page * size > Integer.MAX_VALUE - size) {
            // the database reads rows by an int offset: a page past 2^31 rows is refused rather than overflowing
            throw ApiException.badRequest("page must be at most " + (Integer.MAX_VALUE / size - 1) + " for size=" + size
                    + " (page * size counts rows, below 2^31), got page=" + page);
        }
        RunSearch.Found found = search.find(parameters, page, size);
        Map<Long, CorpusInfo> corpusCache = new HashMap<>();
        Map<Long, List<String>> tagsOf =
                tags.of(found.runs().stream().map(TrainingRun::getId).toList());
        List<RunView> content = found.runs().stream()
                .map(r -> RunView.of(
                        r,
                        corpusCache.computeIfAbsent(r.getCorpusId(), corpora::get),
                        runs.queuePosition(r),
                        tagsOf.getOrDefault(r.getId(), List.of())))
                .toList();
        int pages = (int) ((found.total() + size - 1) / size);
        return new RunPage(content, page, size, found.total(), pages);
    }

    /** Sets what a JSON merge patch gives of name, tags and notes; the rest of the run is left alone. */
    @Transactional
    public RunView patch(long id, RunPatch patch) {
        TrainingRun run = runs.find(id);
        if (patch.setsName() || patch.setsNotes()) {
            repository.describe(
                    id,
                    patch.setsName() ? patch.name() : run.getName(),
                    patch.setsNotes() ? patch.notes() : run.getNotes());
        }
        if (patch.setsTags()) {
            tags.replace(id, patch.tags());
        }
        return runs.view(runs.find(id));
    }
}
