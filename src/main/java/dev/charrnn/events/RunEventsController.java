package dev.charrnn.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "Run events", description = "Watch a run live (server-sent events)")
class RunEventsController {
    private final RunEventHub hub;

    RunEventsController(RunEventHub hub) {
        this.hub = hub;
    }

    @GetMapping(path = "/api/runs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow a run as it trains (server-sent events; `curl -N`)", description = """
            Starts with the run's current `status` and `progress` events, then sends `progress` (at most about 4 \
            per second), every training `sample` as it is recorded and a `status` on each status change. With \
            the final status (SUCCEEDED, FAILED, CANCELLED) the stream closes; a finished run answers with its \
            final progress and status at once. Idle streams get a `:heartbeat` comment every 15 s. A stream ends \
            after 30 minutes (charrnn.events-timeout): reconnect to go on. Events come from the database, so any \
            instance serves them, wherever the run trains; they lag training by about a second \
            (charrnn.loss-flush-interval). Browsers' EventSource reconnects by itself: close it on a final status.""")
    @ApiResponse(
            responseCode = "200",
            description = "The event stream",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @Schema(type = "string", example = """
                    event:status
                    data:{"status":"RUNNING","iteration":800,"numIterations":2000,"error":null,"summary":null}

                    event:progress
                    data:{"iteration":800,"numIterations":2000,"smoothLoss":41.2,"lossPerChar":1.65,\
                    "charsPerSecond":250000.0,"etaSeconds":0.12}

                    event:sample
                    data:{"iteration":800,"loss":41.3,"temperature":1.0,"sample":"hello wornd"}
                    """)))
    @ApiResponse(responseCode = "404", description = "No such run")
    ResponseEntity<SseEmitter> events(@PathVariable long id) {
        SseEmitter emitter = hub.subscribe(id);
        // X-Accel-Buffering: proxies such as nginx would otherwise hold events back
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("X-Accel-Buffering", "no")
                .body(emitter);
    }
}
