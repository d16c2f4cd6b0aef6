package dev.charrnn.inference;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

@Schema(name = "EvaluateRequest")
public record EvaluateRequest(
        @Schema(
                description = "Text to score: at least 2 characters, all in the vocabulary, at most "
                        + "charrnn.max-corpus-bytes UTF-8 bytes",
                example = "hello deep learning\n")
        @NotNull
        String text) {}
