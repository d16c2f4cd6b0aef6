package dev.charrnn.model;

import dev.charrnn.system.CodePoints;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import tools.jackson.databind.JsonNode;

@Schema(
        name = "ImportModelRequest",
        description = "Weights in the reference's format with the characters their "
                + "rows stand for: exactly what GET /api/runs/{id}/weights and /vocabulary return")
public record ImportRequest(
        @Schema(
                description = "{\"Wxh\": HxV, \"Whh\": HxH, \"Why\": VxH, \"bh\": Hx1, \"by\": Vx1}: nested "
                        + "row-major lists of finite numbers, biases as columns",
                type = "object",
                example = "{\"Wxh\": [[0.1, -0.2]], \"Whh\": [[0.5]], \"Why\": [[0.3], [-0.1]], \"bh\": [[0.0]], "
                        + "\"by\": [[0.0], [0.1]]}")
        @NotNull
        JsonNode weights,

        @Schema(
                description = "The characters in index order (rows of Why, columns of Wxh): distinct, one "
                        + "character (code point) each",
                example = "[\"a\", \"b\"]")
        @NotNull
        List<String> vocabulary,

        @Schema(
                description = "A label for people: at most 200 characters (code points), no control characters",
                example = "shakespeare-h100")
        @CodePoints(max = 200, controlCharacters = false)
        String name) {}
