package dev.charrnn.events;

import dev.charrnn.system.ApiException;
import dev.charrnn.system.CharrnnProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live events of runs, driven by the database so they work whichever instance trains the run: one poller reads
 * the rows of the runs somebody watches and fans what changed out to their subscribers. Subscribers hold no thread:
 * an {@link SseEmitter} is an asynchronous response written from the poller's thread (Spring Boot's MVC async
 * executor, {@code applicationTaskExecutor}, only runs {@code Callable} results and is not involved). A subscriber
 * leaves when its connection completes, times out or fails (a write to a closed connection fails; the heartbeat
 * writes to idle ones). Streams end after {@code charrnn.events-timeout} so none lives forever; clients
 * reconnect.
 */
@Component
class RunEventHub implements SchedulingConfigurer {
    private static final Logger log = LoggerFactory.getLogger(RunEventHub.class);
    /** Progress events of one run at most this often (~4 per second), however often the poller runs. */
    private static final long MIN_PROGRESS_GAP_NANOS = 250_000_000L;

    private final RunEventSource source;
    private final CharrnnProperties properties;
    private final long timeoutMillis;
    private final Map<Long, Watched> watched = new ConcurrentHashMap<>();

    RunEventHub(RunEventSource source, CharrnnProperties properties, MeterRegistry registry) {
        this.source = source;
        this.properties = properties;
        this.timeoutMillis = properties.eventsTimeout().toMillis();
        Gauge.builder("charrnn.events.subscribers", this, RunEventHub::subscriberCount)
                .description("Live event streams open on this instance")
                .register(registry);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::poll, properties.eventsPollInterval());
        Duration heartbeat = properties.eventsHeartbeatInterval();
        tasks.addFixedDelayTask(new FixedDelayTask(this::heartbeat, heartbeat, heartbeat));
    }

    /**
     * A stream that starts with the run's current status and progress; a finished run's stream ends there.
     *
     * @throws ApiException 404 when there is no such run
     */
    SseEmitter subscribe(long runId) {
        RunSnapshot now = source.run(runId).orElseThrow(() -> ApiException.notFound("run", runId));
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        // Until the response starts, sends are buffered by the emitter: these cannot fail or race the poller.
        if (now.status().isFinished()) {
            Subscriber done = new Subscriber(emitter, now.status(), 0);
            send(done, RunEvent.progress(now));
            send(done, RunEvent.status(now));
            emitter.complete();
            return emitter;
        }
        Subscriber subscriber = new Subscriber(emitter, now.status(), source.lastSampleId(runId));
        send(subscriber, RunEvent.status(now));
        send(subscriber, RunEvent.progress(now));
        emitter.onCompletion(() -> remove(runId, subscriber));
        emitter.onError(e -> remove(runId, subscriber));
        emitter.onTimeout(() -> {
            remove(runId, subscriber);
            emitter.complete(); // the client reconnects; without this MVC would answer the timeout with an error
        });
        watched.compute(runId, (id, w) -> (w == null ? new Watched(runId, now) : w).add(subscriber));
        return emitter;
    }

    /** Subscribers connected now, all runs together. */
    private int subscriberCount() {
        int n = 0;
        for (Watched w : watched.values()) {
            n += w.subscribers.size();
        }
        return n;
    }

    void poll() {
        if (watched.isEmpty()) {
            return;
        }
        List<Long> ids = List.copyOf(watched.keySet());
        Map<Long, RunSnapshot> snapshots;
        try {
            snapshots = source.runs(ids);
        } catch (DataAccessException e) {
            log.warn("Cannot read runs for live events, retrying: {}", e.getMessage());
            return;
        }
        long now = System.nanoTime();
        for (Long id : ids) {
            Watched w = watched.get(id);
            if (w == null) {
                continue;
            }
            RunSnapshot s = snapshots.get(id);
            if (s == null) {
                // Deleted (possibly as it finished, before a final status was seen): say so, so that a client
                // ends its stream instead of reconnecting into a 404.
                for (Subscriber sub : w.subscribers) {
                    send(sub, RunEvent.deleted(id));
                }
                closeAll(w);
                continue;
            }
            try {
                fanOut(w, s, now);
            } catch (DataAccessException e) {
                log.warn("Cannot read samples of run {} for live events, retrying: {}", id, e.getMessage());
            }
        }
    }

    /** Keeps idle connections open through proxies, and finds the clients that left. */
    void heartbeat() {
        for (Watched w : watched.values()) {
            for (Subscriber s : w.subscribers) {
                send(s, SseEmitter.event().comment("heartbeat"));
            }
            dropClosed(w);
        }
    }

    /** Ends every stream before the server's graceful shutdown would wait for them; clients reconnect elsewhere. */
    @EventListener(ContextClosedEvent.class)
    void closeAllOnShutdown() {
        watched.values().forEach(this::closeAll);
    }

    private void fanOut(Watched w, RunSnapshot s, long now) {
        // Samples are written in the same transaction as progress, so a row that did not change brought none.
        if (w.joined || s.progressedSince(w.last)) {
            w.joined = false;
            List<RunEventSource.SampleRow> rows = source.samplesAfter(w.runId, w.minCursor());
            for (Subscriber sub : w.subscribers) {
                for (RunEventSource.SampleRow row : rows) {
                    if (row.id() > sub.cursor && send(sub, RunEvent.sample(row.event()))) {
                        sub.cursor = row.id();
                    }
                }
            }
        }
        w.last = s;
        boolean finished = s.status().isFinished();
        if (s.progressedSince(w.lastProgress) && (finished || now - w.lastProgressNanos >= MIN_PROGRESS_GAP_NANOS)) {
            for (Subscriber sub : w.subscribers) {
                send(sub, RunEvent.progress(s));
            }
            w.lastProgress = s;
            w.lastProgressNanos = now;
        }
        for (Subscriber sub : w.subscribers) {
            if (sub.status != s.status() && send(sub, RunEvent.status(s))) {
                sub.status = s.status();
            }
            if (finished && !sub.closed) {
                sub.closed = true;
                sub.emitter.complete();
            }
        }
        dropClosed(w);
    }

    private void closeAll(Watched w) {
        for (Subscriber sub : w.subscribers) {
            sub.closed = true;
            sub.emitter.complete();
        }
        dropClosed(w);
    }

    private void dropClosed(Watched w) {
        for (Subscriber sub : w.subscribers) {
            if (sub.closed) {
                remove(w.runId, sub);
            }
        }
    }

    private void remove(long runId, Subscriber subscriber) {
        watched.computeIfPresent(runId, (id, w) -> w.remove(subscriber));
    }

    /** Sends, or marks the subscriber closed when its connection is gone. */
    private static boolean send(Subscriber sub, SseEmitter.SseEventBuilder event) {
        if (sub.closed) {
            return false;
        }
        try {
            sub.emitter.send(event);
            return true;
        } catch (IOException | IllegalStateException e) {
            sub.closed = true;
            try {
                sub.emitter.completeWithError(e);
            } catch (RuntimeException alreadyDone) {
                // the container is closing it already
            }
            return false;
        }
    }
}
