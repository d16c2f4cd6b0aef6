package dev.charrnn.events;

import dev.charrnn.runs.RunStatus;
import dev.charrnn.runs.RunView;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The data of the server-sent events of {@code GET /api/runs/{id}/events}, one record per event name. */
public final class RunEvent {
    private static final String PROGRESS = "progress";
    private static final String SAMPLE = "sample";
    private static final String STATUS = "status";
    private static final String DELETED = "deleted";

    private RunEvent() {}

    static SseEmitter.SseEventBuilder progress(RunSnapshot s) {
        return SseEmitter.event().name(PROGRESS).data(Progress.of(s));
    }

    static SseEmitter.SseEventBuilder sample(Sample sample) {
        return SseEmitter.event().name(SAMPLE).data(sample);
    }

    static SseEmitter.SseEventBuilder status(RunSnapshot s) {
        return SseEmitter.event().name(STATUS).data(Status.of(s));
    }

    static SseEmitter.SseEventBuilder deleted(long runId) {
        return SseEmitter.event().name(DELETED).data(new Deleted(runId, "run " + runId + " was deleted"));
    }

    @Schema(
            name = "DeletedEvent",
            description = "Event `deleted`: the run was deleted; the stream closes (the last "
                    + "event when the run was deleted before its final status was sent)")
    public record Deleted(
            @Schema(example = "7") long runId,
            @Schema(example = "run 7 was deleted") String detail) {}

    @Schema(name = "ProgressEvent", description = "Event `progress`: where training stands (at most ~4 per second)")
    public record Progress(
            @Schema(example = "800") int iteration,
            @Schema(example = "2000") int numIterations,

            @Schema(description = "Summed over seqLength characters", example = "41.2")
            Double smoothLoss,

            @Schema(example = "1.65") Double lossPerChar,
            @Schema(example = "250000") Double charsPerSecond,

            @Schema(description = "Only while RUNNING", example = "1.2")
            Double etaSeconds) {

        static Progress of(RunSnapshot s) {
            Double cps = s.status() == RunStatus.RUNNING ? s.charsPerSecond() : null;
            // every stream reads seqLength characters an iteration
            double charsPerIteration = (double) s.seqLength() * s.batchSize();
            Double eta = cps == null || cps <= 0 ? null : (s.numIterations() - s.iteration()) * charsPerIteration / cps;
            return new Progress(
                    s.iteration(),
                    s.numIterations(),
                    s.smoothLoss(),
                    s.smoothLoss() == null ? null : s.smoothLoss() / s.seqLength(),
                    s.charsPerSecond(),
                    eta);
        }
    }

    @Schema(name = "SampleEvent", description = "Event `sample`: a training sample, as it is recorded")
    public record Sample(
            @Schema(example = "200") int iteration,

            @Schema(description = "Smooth loss at that iteration", example = "55.1")
            double loss,

            @Schema(example = "1.0") double temperature,
            @Schema(example = "hello wornd") String sample) {}

    @Schema(
            name = "StatusEvent",
            description = "Event `status`: on connecting and on every status change; the "
                    + "stream closes after a finished one (SUCCEEDED, FAILED, CANCELLED)")
    public record Status(
            @Schema(example = "RUNNING") RunStatus status,
            @Schema(example = "800") int iteration,
            @Schema(example = "2000") int numIterations,
            @Schema(description = "Only when FAILED") String error,
            @Schema(description = "Only when finished") RunView.Summary summary) {

        static Status of(RunSnapshot s) {
            return new Status(s.status(), s.iteration(), s.numIterations(), s.error(), s.summary());
        }
    }
}
