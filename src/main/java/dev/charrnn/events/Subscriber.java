package dev.charrnn.events;

import dev.charrnn.runs.RunStatus;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** One connected client: its stream, the last status it was sent and the id of the last sample it got. */
final class Subscriber {
    final SseEmitter emitter;
    volatile RunStatus status;
    volatile long cursor;
    volatile boolean closed;

    Subscriber(SseEmitter emitter, RunStatus status, long cursor) {
        this.emitter = emitter;
        this.status = status;
        this.cursor = cursor;
    }
}
