package dev.charrnn.results;

import dev.charrnn.inference.EvaluateRequest;
import dev.charrnn.inference.EvaluationView;
import dev.charrnn.inference.GenerateRequest;
import dev.charrnn.inference.Generated;
import dev.charrnn.inference.InferenceService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/runs/{id}")
@Tag(name = "Run inference", description = "Generate text with a run's model and score texts with it")
class RunInferenceController {
    static final String CHECKPOINT = "The run's weights: final (default; the latest checkpoint's while running) or "
            + "best (its best validation point's)";
    private final RunResultsService results;
    private final InferenceService inference;

    RunInferenceController(RunResultsService results, InferenceService inference) {
        this.results = results;
        this.inference = inference;
    }

    @PostMapping(path = "/generate", consumes = MediaType.APPLICATION_JSON_VALUE)
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
                    + "(0, 100], or prime characters outside the vocabulary (named)")
    @ApiResponse(responseCode = "404", description = "No such run")
    @ApiResponse(responseCode = "409", description = "The run has no checkpoint yet")
    Generated generate(
            @PathVariable long id,
            @Valid @RequestBody GenerateRequest request,
            @Parameter(description = CHECKPOINT, example = "best") @RequestParam(required = false) String checkpoint) {
        return inference.generate(results.model(id, RunResultsService.checkpointKind(checkpoint)), request);
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
}
