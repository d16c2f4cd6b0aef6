package dev.charrnn.runs;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of runs, newest first. */
@Schema(name = "RunPage")
public record RunPage(
        List<RunView> content,
        @Schema(example = "0") int page,
        @Schema(example = "20") int size,
        @Schema(example = "42") long totalElements,
        @Schema(example = "3") int totalPages) {}
