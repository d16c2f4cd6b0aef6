package dev.charrnn.runs;

import dev.charrnn.corpus.CorpusService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/runs")
@Tag(name = "Runs", description = "Submit, follow, cancel and delete training runs")
class RunController {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String MERGE_PATCH = "application/merge-patch+json";

    private final RunService runs;
    private final RunCatalog catalog;
    private final CorpusService corpora;

    RunController(RunService runs, RunCatalog catalog, CorpusService corpora) {
        this.runs = runs;
        this.catalog = catalog;
        this.corpora = corpora;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Submit a run",
            description = "Queues a run; it starts within a second when a worker is "
                    + "free, otherwise in submission order. Every field is optional (defaults: the reference script's); "
                    + "`{}` trains on the built-in corpus.")
    @ApiResponse(
            responseCode = "202",
            description = "Queued; Location points at the run",
            headers = @Header(name = "Location", description = "/api/runs/{id}"))
    @ApiResponse(responseCode = "200", description = "Idempotency-Key seen before: the run it created")
    @ApiResponse(
            responseCode = "400",
            description = "Invalid fields (each one named), a corpus that cannot train, "
                    + "or an Idempotency-Key that is not 1-200 visible ASCII characters")
    @ApiResponse(responseCode = "413", description = "Corpus larger than charrnn.max-corpus-bytes")
    @ApiResponse(responseCode = "422", description = "Idempotency-Key first used with another request")
    @ApiResponse(responseCode = "429", description = "charrnn.max-queued-runs runs are waiting; see Retry-After")
    ResponseEntity<RunView> submit(
            @Valid @RequestBody RunRequest request,
            @Parameter(
                            description =
                                    "Same key, same run: a retried submission does not start a second run. 1 to 200 "
                                            + "visible ASCII characters; the key stands for one request (another request with it: 422)")
                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey) {
        IdempotencyKeys.check(idempotencyKey);
        return accepted(runs.submit(request, null, idempotencyKey));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Submit a run with an uploaded corpus",
            description = "The same fields as form fields, " + "the corpus as a UTF-8 `file` part.")
    @ApiResponse(responseCode = "202", description = "Queued")
    @ApiResponse(responseCode = "400", description = "Invalid fields, not UTF-8, or a corpus that cannot train")
    @ApiResponse(responseCode = "413", description = "Corpus larger than charrnn.max-corpus-bytes")
    @ApiResponse(responseCode = "429", description = "Too many runs waiting")
    ResponseEntity<RunView> submitMultipart(
            @Valid @ModelAttribute RunRequest request,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey)
            throws IOException {
        IdempotencyKeys.check(idempotencyKey);
        String text = file == null ? null : corpora.decodeUtf8(file.getBytes());
        return accepted(runs.submit(request, text, idempotencyKey));
    }

    @GetMapping
    @Operation(
            summary = "List and find runs",
            description = "Newest first unless sorted. Filters (ANDed; a comma or a repeated parameter gives "
                    + "several values: status=QUEUED,RUNNING, or every tag given): status, stopReason, tag, q (text "
                    + "in the name, any case), hiddenSize, seqLength, numIterations, learningRate, corpusId, evalEvery, "
                    + "initRunId. sort=field[,asc|desc] (repeatable; ascending by default, runs without the value "
                    + "last): createdAt, bestValidationLossPerChar, finalLoss, charsPerSecond, trainingSeconds, id.")
    @ApiResponse(responseCode = "200", description = "One page")
    @ApiResponse(
            responseCode = "400",
            description = "Unknown parameter or sort field, a bad value or direction (each named), or bad paging")
    RunPage list(
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
            @Parameter(description = "QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED", example = "SUCCEEDED")
                    @RequestParam(required = false)
                    List<String> status,
            @Parameter(description = "COMPLETED, EARLY_STOPPED, CANCELLED, DIVERGED, PRUNED, FAILED")
                    @RequestParam(required = false)
                    List<String> stopReason,
            @Parameter(description = "Runs with this tag (repeat for runs with all of them)", example = "baseline")
                    @RequestParam(required = false)
                    List<String> tag,
            @Parameter(description = "Text in the run's name, any case", example = "shakespeare")
                    @RequestParam(required = false)
                    String q,
            @Parameter(example = "128") @RequestParam(required = false) List<String> hiddenSize,
            @Parameter(example = "bestValidationLossPerChar,asc") @RequestParam(required = false) List<String> sort,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return catalog.list(parameters, page, size);
    }

    @PatchMapping(path = "/{id}", consumes = MERGE_PATCH)
    @Operation(
            summary = "Name, tag and annotate a run",
            description = "A JSON merge patch (RFC 7396) of name (at most 200 characters, no control characters), "
                    + "tags (at most 20 distinct labels of 1-50 characters, no control characters) and notes (at "
                    + "most 10,000 characters; line breaks and tabs allowed). A member left out is unchanged; null "
                    + "removes it. Any run, finished or not.")
    @ApiResponse(responseCode = "200", description = "The run as it is now")
    @ApiResponse(responseCode = "400", description = "Another field, or a bad value (named)")
    @ApiResponse(responseCode = "404", description = "No such run")
    @ApiResponse(responseCode = "415", description = "Not application/merge-patch+json")
    RunView patch(
            @PathVariable long id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = MERGE_PATCH,
                                            schema = @Schema(implementation = RunPatchBody.class)))
                    @RequestBody
                    JsonNode patch) {
        RunPatch parsed = RunPatch.parse(patch);
        return catalog.patch(id, parsed);
    }

    /** The patch's shape, for the OpenAPI description only. */
    @Schema(name = "RunPatch")
    record RunPatchBody(
            @Schema(example = "h128-lr0.05") String name,

            @Schema(example = "[\"baseline\", \"shakespeare\"]")
            List<String> tags,

            @Schema(example = "kept: best validation so far")
            String notes) {}

    @GetMapping("/{id}")
    @Operation(summary = "A run: status, hyperparameters, progress, latest loss, summary")
    @ApiResponse(responseCode = "200", description = "Found")
    @ApiResponse(responseCode = "404", description = "No such run")
    RunView get(@PathVariable long id) {
        return runs.get(id);
    }

    @PostMapping("/{id}/cancel")
    @Operation(
            summary = "Cancel a run",
            description = "A queued run is CANCELLED at once; a running one within a "
                    + "second, keeping what it recorded (losses, samples, a final checkpoint).")
    @ApiResponse(responseCode = "200", description = "Cancelled or cancelling")
    @ApiResponse(responseCode = "404", description = "No such run")
    @ApiResponse(responseCode = "409", description = "Already finished (also when it finished as the cancel arrived)")
    RunView cancel(@PathVariable long id) {
        return runs.cancel(id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a finished run and all its data")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such run")
    @ApiResponse(
            responseCode = "409",
            description = "Not finished (cancel it first), or an unfinished run "
                    + "continues from its weights (initFrom.runId) and has not checkpointed yet")
    void delete(@PathVariable long id) {
        runs.delete(id);
    }

    private static ResponseEntity<RunView> accepted(RunService.Submitted submitted) {
        RunView run = submitted.run();
        return ResponseEntity.status(submitted.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .location(URI.create("/api/runs/" + run.id()))
                .body(run);
    }
}
