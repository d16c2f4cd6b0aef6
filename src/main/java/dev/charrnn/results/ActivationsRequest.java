package dev.charrnn.results;

import dev.charrnn.system.CodePoints;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

@Schema(name = "ActivationsRequest", description = "A text to read with the model, from h = 0")
public record ActivationsRequest(
        @Schema(
                description = "The text: 1 to 2000 characters, all in the vocabulary; its length times the units of "
                        + "all layers may be at most 500,000",
                example = "hello deep learning\n")
        @NotNull
        @CodePoints(max = MAX_CHARACTERS)
        String text,

        @Schema(
                description = "How many next-character guesses to give at each position (at most the vocabulary's "
                        + "size: fewer when it is smaller)",
                example = "5",
                defaultValue = "5",
                minimum = "1",
                maximum = "20")
        @Min(1)
        @Max(MAX_TOP_K)
        Integer topK) {

    public static final int MAX_CHARACTERS = 2000;
    public static final int MAX_TOP_K = 20;
    public static final int DEFAULT_TOP_K = 5;
    /** Characters x units over all layers, so a response stays a few megabytes. */
    public static final int MAX_VALUES = 500_000;
}
