package dev.charrnn.training;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Carries cancel requests to the runs training on this instance. A cancel is a flag in the database (so it works
 * from any instance); this polls the flags of the local runs a few times a second and raises an in-memory flag
 * the training loop reads each iteration.
 */
@Component
class CancelSignals {
    private final Map<Long, AtomicBoolean> running = new ConcurrentHashMap<>();
    private final RunStore store;

    CancelSignals(RunStore store) {
        this.store = store;
    }

    AtomicBoolean register(long runId, boolean alreadyRequested) {
        AtomicBoolean flag = new AtomicBoolean(alreadyRequested);
        running.put(runId, flag);
        return flag;
    }

    void unregister(long runId) {
        running.remove(runId);
    }

    @Scheduled(fixedDelayString = "${charrnn.cancel-poll-interval:250ms}")
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
