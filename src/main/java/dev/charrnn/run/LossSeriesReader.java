package dev.charrnn.run;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.charrnn.chart.Downsample;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Assembles a run's loss series from its chunks (smooth losses rebuilt exactly), bucketed when asked.
 * Dashboards poll the same series many times a second while it changes only when the training task writes
 * (about once a second), so results are kept per (run, from, maxPoints) and reused while the run's recorded
 * iteration and status are unchanged: polling costs a row read, not decoding the whole series.
 */
@Component
class LossSeriesReader {
    private final LossChunkRepository losses;
    private final ValidationPointRepository validation;
    private final Cache<Key, Versioned> cache = Caffeine.newBuilder().maximumSize(256).build();

    LossSeriesReader(LossChunkRepository losses, ValidationPointRepository validation) {
        this.losses = losses;
        this.validation = validation;
    }

    private record Key(long runId, int from, Integer maxPoints) {
    }

    private record Versioned(String version, RunResultsService.LossSeries series) {
    }

    /** Call inside a transaction that loaded {@code run}. */
    RunResultsService.LossSeries read(TrainingRun run, int from, Integer maxPoints) {
        Key key = new Key(run.getId(), from, maxPoints);
        String version = run.getIteration() + "/" + run.getStatus();
        Versioned cached = cache.getIfPresent(key);
        if (cached != null && cached.version().equals(version)) {
            return cached.series();
        }
        RunResultsService.LossSeries series = assemble(run.getId(), from, maxPoints);
        cache.put(key, new Versioned(version, series));
        return series;
    }

    private RunResultsService.LossSeries assemble(long runId, int from, Integer maxPoints) {
        List<LossChunk> chunks = losses.findFrom(runId, from);
        int n = 0;
        for (LossChunk c : chunks) {
            n += c.getPointCount() - Math.max(0, from - c.getFirstIteration());
        }
        int[] iterations = new int[n];
        double[] smooth = new double[n];
        double[] raw = new double[n];
        int k = 0;
        for (LossChunk c : chunks) {
            double[] r = LossCodec.unpack(c.getRawLosses());
            double[] s = LossCodec.smooth(c.getSmoothStart(), r);
            for (int i = Math.max(0, from - c.getFirstIteration()); i < r.length; i++) {
                iterations[k] = c.getFirstIteration() + i;
                smooth[k] = s[i];
                raw[k] = r[i];
                k++;
            }
        }
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
        return new RunResultsService.LossSeries(pick(iterations, keep), pick(smooth, keep), pick(raw, keep),
                validationIterations, validationLoss);
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
