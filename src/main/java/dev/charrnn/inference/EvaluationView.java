package dev.charrnn.inference;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(
        name = "Evaluation",
        description = "Cross-entropy of a text under a model, run from h = 0 and predicting "
                + "characters 2..n from their prefixes with the training loss' formula -ln(p + 1e-12)")
public record EvaluationView(
        @Schema(description = "Characters (code points) in the text", example = "20")
        int characters,

        @Schema(description = "characters - 1", example = "19")
        int predictions,

        @Schema(description = "Summed over the predictions, nats", example = "31.4")
        double loss,

        @Schema(description = "loss / predictions, nats", example = "1.65")
        double lossPerChar,

        @Schema(description = "lossPerChar / ln 2", example = "2.38")
        double bitsPerChar,

        @Schema(description = "exp(lossPerChar)", example = "5.2")
        double perplexity,

        @Schema(description = "Checkpoint iteration of a run's weights; null for an imported model", example = "2000")
        Integer iteration) {}
