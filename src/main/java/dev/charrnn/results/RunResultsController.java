package dev.charrnn.results;

import dev.charrnn.runs.RunView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/runs/{id}")
@Tag(name = "Run results", description = "What a run recorded: losses, samples, summary, weights, vocabulary")
class RunResultsController {
    private final RunResultsService results;

    RunResultsController(RunResultsService results) {
        this.results = results;
    }

    @GetMapping(path = "/losses", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Per-iteration smooth and raw losses",
            description = "Every point by default; with "
                    + "maxPoints, bucketed down (largest-triangle-three-buckets) keeping the curve's shape; with from, only "
                    + "iterations >= from (for live polling). Also text/csv.")
    @ApiResponse(responseCode = "200", description = "The series")
    @ApiResponse(responseCode = "400", description = "from < 0 or maxPoints < 2")
    @ApiResponse(responseCode = "404", description = "No such run")
    RunResultsService.LossSeries losses(
            @PathVariable long id,
            @Parameter(example = "0") @RequestParam(required = false) Integer from,
            @Parameter(example = "500") @RequestParam(required = false) Integer maxPoints) {
        return results.losses(id, from, maxPoints);
    }

    @GetMapping(path = "/losses", produces = "text/csv")
    @Operation(summary = "Per-iteration losses as CSV (iteration,smooth_loss,loss)")
    String lossesCsv(
            @PathVariable long id,
            @RequestParam(required = false) Integer from,
            @RequestParam(required = false) Integer maxPoints) {
        RunResultsService.LossSeries s = results.losses(id, from, maxPoints);
        StringBuilder csv = new StringBuilder(32 * s.iterations().length + 32).append("iteration,smooth_loss,loss\n");
        for (int i = 0; i < s.iterations().length; i++) {
            csv.append(s.iterations()[i])
                    .append(',')
                    .append(s.smoothLoss()[i])
                    .append(',')
                    .append(s.loss()[i])
                    .append('\n');
        }
        return csv.toString();
    }

    @GetMapping("/samples")
    @Operation(summary = "Samples drawn during training (every sampleEvery iterations)")
    @ApiResponse(responseCode = "200", description = "In iteration order")
    @ApiResponse(responseCode = "404", description = "No such run")
    List<RunResultsService.SampleView> samples(@PathVariable long id) {
        return results.samples(id);
    }

    @GetMapping("/generated")
    @Operation(summary = "The five closing samples of a succeeded run (150 characters each, from h = 0)")
    @ApiResponse(responseCode = "200", description = "Empty until the run succeeds")
    @ApiResponse(responseCode = "404", description = "No such run")
    List<RunResultsService.GeneratedView> generated(@PathVariable long id) {
        return results.generated(id);
    }

    @GetMapping("/summary")
    @Operation(summary = "finalLoss, minLoss and numSteps over the smooth-loss series")
    @ApiResponse(responseCode = "200", description = "The summary")
    @ApiResponse(responseCode = "404", description = "No such run")
    @ApiResponse(responseCode = "409", description = "Not finished yet")
    RunView.Summary summary(@PathVariable long id) {
        return results.summary(id);
    }

    @GetMapping(path = "/weights", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Weights: the reference's JSON format, or a PyTorch state_dict",
            description = "A run of the reference configuration: {\"Wxh\", \"Whh\", \"Why\", "
                    + "\"bh\", \"by\"}: nested row-major lists, biases as columns. Any other configuration: PyTorch's "
                    + "state_dict names and layouts (rnn.weight_ih_l0: G*H x in with the gates in PyTorch's order, "
                    + "biases flat, out.weight, out.bias, embedding.weight when used), loadable with load_state_dict. "
                    + "The final weights once finished, the latest checkpoint's while running.")
    @ApiResponse(responseCode = "200", description = "The weights")
    @ApiResponse(responseCode = "404", description = "No such run")
    @ApiResponse(responseCode = "409", description = "No checkpoint yet")
    byte[] weights(@PathVariable long id) {
        return results.weightsJson(id);
    }

    @GetMapping("/vocabulary")
    @Operation(summary = "The run's characters in index order (rows of Why, columns of Wxh)")
    @ApiResponse(responseCode = "200", description = "JSON array of one-character strings")
    @ApiResponse(responseCode = "404", description = "No such run")
    List<String> vocabulary(@PathVariable long id) {
        return results.vocabulary(id);
    }
}
