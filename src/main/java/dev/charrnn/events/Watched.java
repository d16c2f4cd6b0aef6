package dev.charrnn.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A run somebody watches: its subscribers and what the poller last saw of it. Only the poller's thread reads and
 * writes the poll state; subscribers come and go from request and container threads.
 */
final class Watched {
    final long runId;
    final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    /** A subscriber joined since the last poll: read samples even if the row did not change. */
    volatile boolean joined;

    RunSnapshot last;
    RunSnapshot lastProgress;
    long lastProgressNanos;

    /** @param sent the progress the first subscriber was just sent */
    Watched(long runId, RunSnapshot sent) {
        this.runId = runId;
        this.lastProgress = sent;
        this.lastProgressNanos = System.nanoTime();
    }

    Watched add(Subscriber subscriber) {
        subscribers.add(subscriber);
        joined = true;
        return this;
    }

    /** @return this, or null when nobody is left (the run is no longer watched) */
    Watched remove(Subscriber subscriber) {
        subscribers.remove(subscriber);
        return subscribers.isEmpty() ? null : this;
    }

    /** The oldest sample some subscriber still lacks follows this id. */
    long minCursor() {
        long min = Long.MAX_VALUE;
        for (Subscriber s : subscribers) {
            min = Math.min(min, s.cursor);
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }
}
