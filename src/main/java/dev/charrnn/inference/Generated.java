package dev.charrnn.inference;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "Generated", description = "Generated text and everything needed to draw it again")
public record Generated(
        @Schema(description = "Exactly length characters, without the prime", example = "ello deep learning")
        String text,

        @Schema(example = "200") int length,
        @Schema(example = "1.0") double temperature,

        @Schema(description = "As given; null when none", example = "h")
        String prime,

        @Schema(description = "The seed used (the given one or the random one drawn)", example = "7")
        long seed,

        @Schema(example = "false") boolean argmax,

        @Schema(description = "Checkpoint iteration of a run's weights; null for an imported model", example = "2000")
        Integer iteration) {}
