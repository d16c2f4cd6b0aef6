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

        Instant createdAt,

        @Schema(
                description = "reference: the reference's five matrices (Wxh, Whh, Why, bh, by); torch: a PyTorch "
                        + "state_dict of a stacked model",
                allowableValues = {FORMAT_REFERENCE, FORMAT_TORCH},
                example = "reference")
        String format,

        @Schema(
                example = "rnn",
                allowableValues = {"rnn", "lstm", "gru"})
        String cell,

        @Schema(example = "1") int layers,

        @Schema(description = "0: one-hot input", example = "0")
        int embeddingSize,

        @Schema(example = "5784") long parameterCount) {

    public static final String FORMAT_REFERENCE = "reference";
    public static final String FORMAT_TORCH = "torch";
}
