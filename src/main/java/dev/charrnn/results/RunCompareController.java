package dev.charrnn.results;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/runs/compare")
@Tag(name = "Run comparison", description = "Several runs' loss curves and configurations side by side")
class RunCompareController {
    private static final String IDS = "Run ids, comma-separated (at most 10)";
    private static final String X =
            "iteration (default) or seconds of training time (each run's time spread evenly " + "over its iterations)";

    private final RunComparison comparison;

    RunCompareController(RunComparison comparison) {
        this.comparison = comparison;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Compare runs",
            description = "Each run's smooth loss per character on one x grid of about maxPoints points shared by "
                    + "every run (a run's points stop where it ended), its validation points, and its configuration; "
                    + "differingFields names the configuration fields whose values are not the same in every run.")
    @ApiResponse(responseCode = "200", description = "The comparison")
    @ApiResponse(responseCode = "400", description = "ids missing or not run ids, more than 10, bad maxPoints or x")
    @ApiResponse(responseCode = "404", description = "One of the runs does not exist (named)")
    RunComparison.Comparison compare(
            @Parameter(description = IDS, example = "1,2,3") @RequestParam(required = false) String ids,
            @Parameter(description = "2..10000, default 500", example = "500") @RequestParam(required = false)
                    Integer maxPoints,
            @Parameter(description = X, example = "iteration") @RequestParam(required = false) String x) {
        return comparison.compare(ids, maxPoints, x);
    }

    @GetMapping(path = "/loss.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(
            summary = "Compared loss curves as a PNG",
            description = "Loss per character against x, one colour per run (legend: its name, or run <id>); "
                    + "validation dashed.")
    @ApiResponse(responseCode = "200", description = "PNG", content = @Content(mediaType = "image/png"))
    @ApiResponse(responseCode = "400", description = "As for the comparison")
    @ApiResponse(responseCode = "404", description = "One of the runs does not exist (named)")
    byte[] chart(
            @Parameter(description = IDS, example = "1,2,3") @RequestParam(required = false) String ids,
            @Parameter(description = X, example = "iteration") @RequestParam(required = false) String x) {
        return comparison.chart(ids, x);
    }
}
