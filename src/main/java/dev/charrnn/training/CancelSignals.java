package dev.charrnn.training;

import dev.charrnn.system.CharrnnProperties;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Carries cancel requests to the runs training on this instance. A cancel is a flag in the database (so it works
 * from any instance); this polls the flags of the local runs a few times a second and raises an in-memory flag
 * the training loop reads each iteration.
 */
@Component
class CancelSignals implements SchedulingConfigurer {
    private final Map<Long, AtomicBoolean> running = new ConcurrentHashMap<>();
    private final RunStore store;
    private final CharrnnProperties properties;

    CancelSignals(RunStore store, CharrnnProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    AtomicBoolean register(long runId, boolean alreadyRequested) {
        AtomicBoolean flag = new AtomicBoolean(alreadyRequested);
        running.put(runId, flag);
        return flag;
    }

    void unregister(long runId) {
        running.remove(runId);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::poll, properties.cancelPollInterval());
    }

    void poll() {
        if (running.isEmpty()) {
            return;
        }
        for (Long id : store.cancelRequested(running.keySet())) {
            AtomicBoolean flag = running.get(id);
            if (flag != null) {
                flag.set(true);
            }
        }
    }
}
