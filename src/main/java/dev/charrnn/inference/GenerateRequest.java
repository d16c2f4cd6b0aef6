package dev.charrnn.inference;

import dev.charrnn.system.CodePoints;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Every field is optional. */
@Schema(name = "GenerateRequest", description = "How to draw text from a model; every field is optional")
public record GenerateRequest(
        @Schema(
                description = "Characters to generate (code points; the prime is not counted)",
                example = "200",
                defaultValue = "200",
                minimum = "1",
                maximum = "10000")
        @Min(1)
        @Max(MAX_LENGTH)
        Integer length,

        @Schema(
                description = "Logits are divided by it: below 1 sharper, above 1 more random (finite, > 0, "
                        + "at most 100)",
                example = "0.8",
                defaultValue = "1.0")
        @DecimalMin(value = "0.0", inclusive = false)
        @DecimalMax("100")
        Double temperature,

        @Schema(
                description = "Text fed to the model first (from h = 0) and not repeated in the output; every "
                        + "character must be in the vocabulary. Without it the first input character is drawn uniformly "
                        + "from the vocabulary with the same seeded generator.",
                example = "hello ")
        @CodePoints(max = MAX_PRIME)
        String prime,

        @Schema(
                description = "Same seed, same model, same request: same text. Absent: a random seed below "
                        + "2^53 (exact in JSON everywhere), returned in the response.",
                example = "7")
        Long seed,

        @Schema(
                description = "Take the most likely character at every step instead of drawing one (then the "
                        + "seed only picks the first input character when there is no prime)",
                example = "false",
                defaultValue = "false")
        Boolean argmax,

        @Schema(
                description = "Draw only among the k most likely characters (absent: all)",
                example = "5",
                minimum = "1")
        @Min(1)
        @Max(100_000)
        Integer topK,

        @Schema(
                description = "Nucleus sampling: draw only among the fewest most likely characters whose "
                        + "probabilities add up to at least p (absent or 1: all); applied after topK",
                example = "0.9")
        @DecimalMin(value = "0.0", inclusive = false)
        @DecimalMax("1.0")
        Double topP,

        @Schema(
                description = "Independent samples to draw; sample i uses seed + i, so each can be drawn alone again "
                        + "with its own seed",
                example = "3",
                defaultValue = "1")
        @Min(1)
        @Max(MAX_SAMPLES)
        Integer numSamples,

        @Schema(
                description = "Report each sample's novelty against the run's training text (not for imported "
                        + "models: they have none)",
                example = "true",
                defaultValue = "false")
        Boolean novelty) {

    public static final int MAX_SAMPLES = 20;
    public static final int MAX_LENGTH = 10_000;
    public static final int MAX_PRIME = 10_000;
    public static final int DEFAULT_LENGTH = 200;
    public static final double DEFAULT_TEMPERATURE = 1.0;

    /** The fields every request had before the sampling options. */
    public GenerateRequest(Integer length, Double temperature, String prime, Long seed, Boolean argmax) {
        this(length, temperature, prime, seed, argmax, null, null, null, null);
    }
}
