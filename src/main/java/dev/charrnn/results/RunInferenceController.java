package dev.charrnn.results;

import dev.charrnn.inference.EvaluateRequest;
import dev.charrnn.inference.EvaluationView;
import dev.charrnn.inference.GenerateRequest;
import dev.charrnn.inference.Generated;
import dev.charrnn.inference.InferenceService;
import dev.charrnn.inference.Novelty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/runs/{id}")
@Tag(name = "Run inference", description = "Generate text with a run's model and score texts with it")
class RunInferenceController {
    static final String CHECKPOINT = "The run's weights: final (default; the latest checkpoint's while running) or "
            + "best (its best validation point's)";
    private final RunResultsService results;
    private final InferenceService inference;
    private final ActivationsService activations;
    private final JsonMapper json;

    RunInferenceController(
            RunResultsService results, InferenceService inference, ActivationsService activations, JsonMapper json) {
        this.results = results;
        this.inference = inference;
        this.activations = activations;
        this.json = json;
    }

    @PostMapping(
            path = "/generate",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Generate text",
            description = "With the final weights of a finished run, or the latest "
                    + "checkpoint's of a running one. Starts from h = 0: the prime (if any) is fed first and not repeated; "
                    + "without a prime the first input character is drawn uniformly from the vocabulary with the seeded "
                    + "generator. The same seed and request give the same text.")
    @ApiResponse(responseCode = "200", description = "The text, with the seed used")
    @ApiResponse(
            responseCode = "400",
            description = "length outside 1..10000, temperature not finite and in "
                    + "(0, 100], prime characters outside the vocabulary (named), topK < 1, topP outside (0, 1], "
                    + "numSamples outside 1..20, or checkpoint neither final nor best")
    @ApiResponse(responseCode = "404", description = "No such run")
    @ApiResponse(responseCode = "409", description = "The run has no checkpoint yet")
    Generated generate(
            @PathVariable long id,
            @Valid @RequestBody GenerateRequest request,
            @Parameter(description = CHECKPOINT, example = "best") @RequestParam(required = false) String checkpoint) {
        return generation(id, request, checkpoint).generate(null);
    }

    @PostMapping(
            path = "/generate",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            summary = "Generate text, streamed as it is sampled",
            description = "The same request and text as the JSON answer, as server-sent events: `text` events "
                    + "({\"sample\": i, \"text\": \"next characters\"}) as the characters come, then one `done` "
                    + "event with the whole answer (novelty included when asked for). A bad request is answered "
                    + "before the stream starts, as a problem.")
    @ApiResponse(
            responseCode = "200",
            description = "The event stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE))
    ResponseEntity<StreamingResponseBody> generateStream(
            @PathVariable long id,
            @Valid @RequestBody GenerateRequest request,
            @Parameter(description = CHECKPOINT, example = "best") @RequestParam(required = false) String checkpoint) {
        Generation generation = generation(id, request, checkpoint);
        StreamingResponseBody body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            Generated done = generation.generate((sample, text) -> {
                event(writer, "text", json.writeValueAsString(Map.of("sample", sample, "text", text)));
            });
            event(writer, "done", json.writeValueAsString(done));
        };
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .cacheControl(CacheControl.noStore())
                .body(body);
    }

    /** A checked request (errors come before anything is sent) and what to add to its answer. */
    private record Generation(InferenceService.Plan plan, Function<String, Novelty> novelty) {
        Generated generate(InferenceService.Listener listener) {
            Generated generated = plan.run(listener);
            return novelty == null ? generated : generated.withNovelty(novelty);
        }
    }

    private Generation generation(long id, GenerateRequest request, String checkpoint) {
        InferenceService.Plan plan =
                inference.plan(results.model(id, RunResultsService.checkpointKind(checkpoint)), request);
        Function<String, Novelty> novelty =
                Boolean.TRUE.equals(request.novelty()) ? results.noveltyOf(results.requireRun(id), true) : null;
        return new Generation(plan, novelty);
    }

    private static void event(Writer writer, String name, String data) {
        try {
            writer.write("event: " + name + "\ndata: " + data + "\n\n");
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the client went away: stop sampling for it
        }
    }

    @PostMapping(path = "/evaluate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Score a text",
            description = "Cross-entropy from h = 0, predicting characters 2..n, "
                    + "summed in nats with the training loss' formula; also per character, in bits and as perplexity.")
    @ApiResponse(responseCode = "200", description = "The evaluation")
    @ApiResponse(
            responseCode = "400",
            description = "Fewer than 2 characters, or characters outside the " + "vocabulary (named)")
    @ApiResponse(responseCode = "404", description = "No such run")
    @ApiResponse(responseCode = "409", description = "The run has no checkpoint yet")
    @ApiResponse(responseCode = "413", description = "Text larger than charrnn.max-corpus-bytes")
    EvaluationView evaluate(
            @PathVariable long id,
            @Valid @RequestBody EvaluateRequest request,
            @Parameter(description = CHECKPOINT, example = "best") @RequestParam(required = false) String checkpoint) {
        return inference.evaluate(results.model(id, RunResultsService.checkpointKind(checkpoint)), request);
    }

    @PostMapping(path = "/activations", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "What the model computes over a text",
            description = "Reads the text from h = 0 with the run's latest weights and returns, after each "
                    + "character, every layer's state (units' activations) and the topK most likely next characters "
                    + "with their probabilities: the data of a neuron view (which units track what in the text).")
    @ApiResponse(responseCode = "200", description = "Characters, per-layer activations, next-character guesses")
    @ApiResponse(
            responseCode = "400",
            description = "Empty or too long text, characters outside the vocabulary (named), or topK outside 1..20")
    @ApiResponse(responseCode = "404", description = "No such run")
    @ApiResponse(responseCode = "409", description = "The run has no checkpoint yet")
    ActivationsView activations(@PathVariable long id, @Valid @RequestBody ActivationsRequest request) {
        return activations.activations(id, request);
    }
}
