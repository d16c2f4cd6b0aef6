package dev.charrnn.results;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.function.Supplier;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@RestController
@RequestMapping("/api/runs/{id}/charts")
@Tag(name = "Run charts", description = "The reference's loss curve and hidden-state heatmap as PNG")
class RunChartController {
    private final RunChartService charts;

    RunChartController(RunChartService charts) {
        this.charts = charts;
    }

    @GetMapping(path = "/loss.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(
            summary = "Smooth loss vs iteration (also while running)",
            description = "With a dashed line at "
                    + "chance level (ln V x seqLength). ETag: an unchanged chart answers 304 without being redrawn.")
    @ApiResponse(responseCode = "200", description = "PNG", content = @Content(mediaType = "image/png"))
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    @ApiResponse(responseCode = "404", description = "No such run")
    ResponseEntity<byte[]> loss(@PathVariable long id, WebRequest request) {
        return png(request, charts.lossChartTag(id), () -> charts.lossChart(id));
    }

    @GetMapping(path = "/hidden-states.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(
            summary = "Hidden-state activations over a probe text",
            description = "Default probe: \"hello deep "
                    + "learning\" when the vocabulary has all its characters, else the corpus' first 40 characters. "
                    + "A stacked model shows its top layer unless layer is given; an LSTM its hidden state h, or with "
                    + "state=cell its cell state c.")
    @ApiResponse(responseCode = "200", description = "PNG", content = @Content(mediaType = "image/png"))
    @ApiResponse(
            responseCode = "400",
            description = "Characters outside the vocabulary (named), too long, a layer the model does not have, "
                    + "or state=cell for a model without a cell state")
    @ApiResponse(responseCode = "404", description = "No such run")
    @ApiResponse(responseCode = "409", description = "No checkpoint yet")
    ResponseEntity<byte[]> hiddenStates(
            @PathVariable long id,
            @Parameter(description = "Probe text, at most 200 characters", example = "hello world")
                    @RequestParam(required = false)
                    String text,
            @Parameter(description = "0-based layer of a stacked model (default: the top one)", example = "0")
                    @RequestParam(required = false)
                    Integer layer,
            @Parameter(
                            description = "hidden (h, the default) or cell (an LSTM's c)",
                            schema = @Schema(allowableValues = {"hidden", "cell"}))
                    @RequestParam(required = false)
                    String state,
            WebRequest request) {
        return png(
                request,
                charts.hiddenStatesTag(id, text, layer, state),
                () -> charts.hiddenStates(id, text, layer, state));
    }

    private static ResponseEntity<byte[]> png(WebRequest request, String tag, Supplier<byte[]> render) {
        String etag = "\"" + tag + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok()
                .eTag(etag)
                .cacheControl(CacheControl.noCache())
                .contentType(MediaType.IMAGE_PNG)
                .body(render.get());
    }
}
