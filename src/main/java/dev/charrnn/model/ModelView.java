package dev.charrnn.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

@Schema(name = "Model", description = "An imported model (its weights: GET /api/models/{id}/weights)")
public record ModelView(
        @Schema(example = "1") long id,
        @Schema(example = "shakespeare-h100") String name,
        @Schema(example = "64") int hiddenSize,
        @Schema(example = "24") int vocabularySize,

        @Schema(description = "Characters in index order", example = "[\"\\n\", \" \", \"a\"]")
        List<String> vocabulary,

        Instant createdAt) {}
