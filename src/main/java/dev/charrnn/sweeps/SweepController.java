package dev.charrnn.sweeps;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/sweeps")
@Tag(name = "Sweeps", description = "Many runs of one request with some fields varied, pruned early if asked")
class SweepController {
    private final SweepService sweeps;

    SweepController(SweepService sweeps) {
        this.sweeps = sweeps;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Start a sweep",
            description = "Plans the runs (grid: every combination of the values; random: maxRuns seeded draws) and "
                    + "submits them through the run queue a few at a time (at most maxConcurrent unfinished, and "
                    + "only while the queue has room: a sweep larger than the free capacity waits, it is not "
                    + "refused). With earlyTermination, runs whose validation loss lags are stopped (PRUNED): "
                    + "median stops a run whose best so far is worse than the median of the others' best up to the "
                    + "same iteration; asha keeps at each rung (minIterations x reductionFactor^k iterations) only "
                    + "the best 1/reductionFactor of the runs recorded there, as Ray Tune's ASHA.")
    @ApiResponse(
            responseCode = "201",
            description = "Accepted; Location points at the sweep",
            headers = @Header(name = "Location", description = "/api/sweeps/{id}"))
    @ApiResponse(
            responseCode = "400",
            description = "Invalid fields, each named: the base as POST /api/runs would refuse it, an unknown "
                    + "parameter, values of the wrong type, min >= max, a log scale from 0 or below, a range in a "
                    + "grid, early termination without a validation split, ...")
    ResponseEntity<SweepView> create(@Valid @RequestBody SweepRequest request) {
        SweepView sweep = sweeps.create(request);
        return ResponseEntity.created(URI.create("/api/sweeps/" + sweep.id())).body(sweep);
    }

    @GetMapping
    @Operation(summary = "List sweeps, newest first")
    @ApiResponse(responseCode = "200", description = "One page")
    @ApiResponse(responseCode = "400", description = "Bad paging")
    SweepView.Page list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return sweeps.list(page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A sweep: status, counts of its trials by state, and its runs by best validation loss")
    @ApiResponse(responseCode = "200", description = "Found")
    @ApiResponse(responseCode = "404", description = "No such sweep")
    SweepView get(@PathVariable long id) {
        return sweeps.get(id);
    }

    @PostMapping("/{id}/cancel")
    @Operation(
            summary = "Cancel a sweep",
            description = "No further runs are submitted; its queued and running runs are cancelled (what they "
                    + "recorded is kept)")
    @ApiResponse(responseCode = "200", description = "Cancelled")
    @ApiResponse(responseCode = "404", description = "No such sweep")
    @ApiResponse(responseCode = "409", description = "Already finished or cancelled")
    SweepView cancel(@PathVariable long id) {
        return sweeps.cancel(id);
    }
}
