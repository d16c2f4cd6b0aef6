package dev.charrnn.inference;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(
        name = "Novelty",
        description = "How much of a sample is new: its 20-character windows that occur nowhere in the training "
                + "text, and its longest stretch that does (makemore's and torch-rnn's memorisation checks)")
public record Novelty(
        @Schema(description = "20-character windows in the sample (code points)", example = "181")
        int windows,

        @Schema(
                description = "Fraction of those windows not in the training text; null for a sample under 20 "
                        + "characters. Near 0: memorised; near 1: new text",
                example = "0.93")
        Double novelFraction,

        @Schema(description = "The sample's longest substring found in the training text", example = "the king ")
        String longestTrainingSubstring,

        @Schema(description = "Its length in characters (followed up to " + NoveltyIndex.MAX_MATCH + ")", example = "9")
        int longestTrainingSubstringLength) {}
