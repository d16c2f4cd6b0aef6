package dev.charrnn.training;

import dev.charrnn.runs.RunStatus;
import dev.charrnn.runs.TrainingRunRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Training metrics for Prometheus: runs by status and queue length (from the shared database, so every instance
 * reports the same), and the characters per second this instance is training.
 */
@Component
class TrainingMetrics {
    private final Map<Long, Double> charsPerSecond = new ConcurrentHashMap<>();

    TrainingMetrics(MeterRegistry registry, TrainingRunRepository runs) {
        for (RunStatus status : RunStatus.values()) {
            // Gauges hold their state weakly by default; the repository is held strongly so it is never reported
            // as NaN after a collection.
            Gauge.builder("charrnn.runs", runs, r -> r.countByStatus(status))
                    .strongReference(true)
                    .description("Runs by status")
                    .tag("status", status.name())
                    .register(registry);
        }
        Gauge.builder("charrnn.queue.length", runs, r -> r.countByStatus(RunStatus.QUEUED))
                .strongReference(true)
                .description("Runs waiting for a worker")
                .register(registry);
        Gauge.builder("charrnn.training.chars.per.second", charsPerSecond, TrainingMetrics::sum)
                .description("Characters per second trained by this instance's workers")
                .register(registry);
        Gauge.builder("charrnn.training.active", charsPerSecond, Map::size)
                .description("Runs training on this instance")
                .register(registry);
    }

    void progress(long runId, double cps) {
        charsPerSecond.put(runId, cps);
    }

    void stopped(long runId) {
        charsPerSecond.remove(runId);
    }

    private static double sum(Map<Long, Double> m) {
        double s = 0;
        for (double v : m.values()) {
            s += v;
        }
        return s;
    }
}
