package dev.charrnn.results;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.charrnn.chart.Downsample;
import dev.charrnn.records.LossChunkRepository;
import dev.charrnn.records.ValidationPoint;
import dev.charrnn.records.ValidationPointRepository;
import dev.charrnn.runs.TrainingRun;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Assembles a run's loss series from its chunks (smooth losses rebuilt exactly), bucketed when asked.
 * Dashboards poll the same series many times a second while it changes only when the training task writes
 * (about once a second), so results are kept per (run, from, maxPoints) and reused while the run's recorded
 * iteration and status are unchanged: polling costs a row read, not decoding the whole series. When the run has
 * moved on, only the chunks past the decoded series' end are read and decoded ({@link DecodedLosses}).
 */
@Component
class LossSeriesReader {
    /** Decoded points kept across runs: 20 bytes each, so at most about 80 MB. */
    private static final int MAX_DECODED_POINTS = 4_000_000;

    private final LossChunkRepository losses;
    private final ValidationPointRepository validation;
    private final Cache<Key, Versioned> results =
            Caffeine.newBuilder().maximumSize(256).build();
    private final Cache<Long, DecodedLosses> decoded = Caffeine.newBuilder()
            .maximumWeight(MAX_DECODED_POINTS)
            .weigher((Long runId, DecodedLosses d) -> d.capacity())
            .build();

    LossSeriesReader(LossChunkRepository losses, ValidationPointRepository validation) {
        this.losses = losses;
        this.validation = validation;
    }

    private record Key(long runId, int from, Integer maxPoints) {}

    private record Versioned(String version, RunResultsService.LossSeries series) {}

    /** Call inside a transaction that loaded {@code run}. */
    RunResultsService.LossSeries read(TrainingRun run, int from, Integer maxPoints) {
        Key key = new Key(run.getId(), from, maxPoints);
        String version = run.getIteration() + "/" + run.getStatus();
        Versioned cached = results.getIfPresent(key);
        if (cached != null && cached.version().equals(version)) {
            return cached.series();
        }
        RunResultsService.LossSeries series = assemble(decoded(run.getId()), run.getId(), from, maxPoints);
        results.put(key, new Versioned(version, series));
        return series;
    }

    // One refresh at a time, so a run's arrays are only ever extended from its latest snapshot.
    private synchronized DecodedLosses decoded(long runId) {
        DecodedLosses old = decoded.getIfPresent(runId);
        DecodedLosses now = old == null ? null : old.extendedBy(losses.findFrom(runId, old.resumeFrom()));
        if (now == null) {
            now = DecodedLosses.of(losses.findFrom(runId, 0));
        }
        decoded.put(runId, now);
        return now;
    }

    private RunResultsService.LossSeries assemble(DecodedLosses all, long runId, int from, Integer maxPoints) {
        int first = all.indexOf(from);
        int[] iterations = Arrays.copyOfRange(all.iterations, first, all.n);
        double[] smooth = Arrays.copyOfRange(all.smooth, first, all.n);
        double[] raw = Arrays.copyOfRange(all.raw, first, all.n);
        int n = iterations.length;
        List<ValidationPoint> points = validation.findFrom(runId, from);
        int[] validationIterations = new int[points.size()];
        double[] validationLoss = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            validationIterations[i] = points.get(i).getIteration();
            validationLoss[i] = points.get(i).getLossPerChar();
        }
        if (maxPoints != null && points.size() > maxPoints) {
            int[] keep = Downsample.lttbIndices(validationIterations, validationLoss, maxPoints);
            validationIterations = pick(validationIterations, keep);
            validationLoss = pick(validationLoss, keep);
        }
        if (maxPoints == null || n <= maxPoints) {
            return new RunResultsService.LossSeries(iterations, smooth, raw, validationIterations, validationLoss);
        }
        int[] keep = Downsample.lttbIndices(iterations, smooth, maxPoints);
        return new RunResultsService.LossSeries(
                pick(iterations, keep), pick(smooth, keep), pick(raw, keep), validationIterations, validationLoss);
    }

    private static int[] pick(int[] values, int[] keep) {
        int[] out = new int[keep.length];
        for (int i = 0; i < keep.length; i++) {
            out[i] = values[keep[i]];
        }
        return out;
    }

    private static double[] pick(double[] values, int[] keep) {
        double[] out = new double[keep.length];
        for (int i = 0; i < keep.length; i++) {
            out[i] = values[keep[i]];
        }
        return out;
    }
}
