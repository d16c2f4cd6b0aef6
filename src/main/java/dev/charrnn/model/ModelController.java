package dev.charrnn.model;

import dev.charrnn.inference.EvaluateRequest;
import dev.charrnn.inference.EvaluationView;
import dev.charrnn.inference.GenerateRequest;
import dev.charrnn.inference.Generated;
import dev.charrnn.inference.InferenceService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.InputStream;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/models")
@Tag(
        name = "Models",
        description = "Import weights in the reference's format or as a PyTorch state_dict; generate and "
                + "evaluate with them, "
                + "or continue training from them (POST /api/runs with initFrom.modelId)")
class ModelController {
    private final ModelService models;
    private final InferenceService inference;

    ModelController(ModelService models, InferenceService inference) {
        this.models = models;
        this.inference = inference;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Import a model",
            description = "The weights as GET /api/runs/{id}/weights returns them "
                    + "and the vocabulary as /vocabulary does; a run's export imports back unchanged. weights may also "
                    + "be a PyTorch state_dict of an RNN, LSTM or GRU (as torch_charlm.py --dump-weights writes it); "
                    + "the cell, layers and embedding follow from its tensors.")
    @ApiResponse(
            responseCode = "201",
            description = "Stored; Location points at the model",
            headers = @Header(name = "Location", description = "/api/models/{id}"))
    @ApiResponse(
            responseCode = "400",
            description = "Shapes that do not fit the vocabulary (found and expected "
                    + "shapes named), missing keys, non-finite numbers, vocabulary entries that are not single distinct "
                    + "characters, or more parameters than charrnn.max-parameters")
    @ApiResponse(responseCode = "413", description = "Body larger than charrnn.max-parameters allows")
    ResponseEntity<ModelView> importModel(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = ImportRequest.class)))
                    InputStream body) {
        // read as a stream, not bound: a model at the parameter limit is a large body (see ImportReader)
        ModelView model = models.importModel(body);
        return ResponseEntity.created(URI.create("/api/models/" + model.id())).body(model);
    }

    @GetMapping("/{id}")
    @Operation(summary = "An imported model (without its weights)")
    @ApiResponse(responseCode = "200", description = "Found")
    @ApiResponse(responseCode = "404", description = "No such model")
    ModelView get(@PathVariable long id) {
        return models.get(id);
    }

    @GetMapping(path = "/{id}/weights", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The weights as imported: the reference's JSON format or a PyTorch state_dict")
    @ApiResponse(responseCode = "200", description = "{\"Wxh\", \"Whh\", \"Why\", \"bh\", \"by\"}")
    @ApiResponse(responseCode = "404", description = "No such model")
    byte[] weights(@PathVariable long id) {
        return models.weightsJson(id);
    }

    @PostMapping(path = "/{id}/generate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Generate text",
            description = "As POST /api/runs/{id}/generate: from h = 0, the prime "
                    + "(if any) fed first and not repeated; without a prime the first input character is drawn uniformly "
                    + "from the vocabulary with the seeded generator. iteration is null.")
    @ApiResponse(responseCode = "200", description = "The text, with the seed used")
    @ApiResponse(
            responseCode = "400",
            description = "length outside 1..10000, temperature not finite and in "
                    + "(0, 100], or prime characters outside the vocabulary (named)")
    @ApiResponse(responseCode = "404", description = "No such model")
    Generated generate(@PathVariable long id, @Valid @RequestBody GenerateRequest request) {
        return inference.generate(models.load(id), request);
    }

    @PostMapping(path = "/{id}/evaluate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Score a text", description = "As POST /api/runs/{id}/evaluate. iteration is null.")
    @ApiResponse(responseCode = "200", description = "The evaluation")
    @ApiResponse(
            responseCode = "400",
            description = "Fewer than 2 characters, or characters outside the " + "vocabulary (named)")
    @ApiResponse(responseCode = "404", description = "No such model")
    @ApiResponse(responseCode = "413", description = "Text larger than charrnn.max-corpus-bytes")
    EvaluationView evaluate(@PathVariable long id, @Valid @RequestBody EvaluateRequest request) {
        return inference.evaluate(models.load(id), request);
    }
}
