package dev.charrnn.results;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** What the model computed over a text: each layer's state after each character, and its next-character guesses. */
@Schema(name = "Activations")
public record ActivationsView(
        @Schema(description = "The text's characters (code points), in order", example = "[\"h\", \"e\"]")
        List<String> characters,

        @Schema(
                description = "One entry per recorded state of each layer, bottom layer first (a stacked LSTM "
                        + "would list each layer's hidden and cell states)")
        List<Layer> layers,

        @Schema(
                description =
                        "predictions[t]: the most likely characters to follow characters[0..t], most likely " + "first")
        List<List<Guess>> predictions,

        @Schema(description = "Checkpoint iteration of the weights read", example = "2000")
        Integer iteration) {

    @Schema(name = "ActivationLayer")
    public record Layer(
            @Schema(description = "Layer index, 0 = nearest the input", example = "0")
            int layer,

            @Schema(description = "rnn, lstm or gru", example = "rnn")
            String cell,

            @Schema(description = "Which state: h (hidden output) or c (an LSTM's cell)", example = "h")
            String state,

            @Schema(description = "Units in this state", example = "64")
            int units,

            @Schema(
                    description = "activations[t][u]: unit u after reading characters[t] (tanh: in [-1, 1])",
                    example = "[[0.12, -0.9], [0.3, 0.05]]")
            float[][] activations) {}

    @Schema(name = "NextCharGuess")
    public record Guess(
            @Schema(example = "e") String character,
            @Schema(example = "0.62") double probability) {}
}
