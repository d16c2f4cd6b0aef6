package dev.charrnn.results;

import dev.charrnn.inference.EvaluateRequest;
import dev.charrnn.inference.EvaluationView;
import dev.charrnn.inference.GenerateRequest;
import dev.charrnn.inference.Generated;
import dev.charrnn.inference.InferenceService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/runs/{id}")
@Tag(name = "Run inference", description = "Generate text with a run's model and score texts with it")
class RunInferenceController {
    private final RunResultsService results;
    private final InferenceService inference;
    private final ActivationsService activations;

    RunInferenceController(RunResultsService results, InferenceService inference, ActivationsService activations) {
        this.results = results;
        this.inference = inference;
        this.activations = activations;
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
    Generated generate(@PathVariable long id, @Valid @RequestBody GenerateRequest request) {
        return inference.generate(results.model(id), request);
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
    EvaluationView evaluate(@PathVariable long id, @Valid @RequestBody EvaluateRequest request) {
        return inference.evaluate(results.model(id), request);
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
