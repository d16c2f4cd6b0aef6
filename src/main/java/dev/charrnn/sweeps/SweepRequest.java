package dev.charrnn.sweeps;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.charrnn.runs.RunRequest;
import dev.charrnn.system.CodePoints;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A sweep to start: a base run request, the fields to vary and how, and when to stop unpromising runs. */
@Schema(name = "SweepRequest", description = "Many runs of one base request with some of its fields varied")
public record SweepRequest(
        @Schema(
                description = "A label for people: at most 180 characters, no control characters; each run is "
                        + "named after it (\"name #3\")",
                example = "lr-and-h")
        @CodePoints(max = 180, controlCharacters = false)
        String name,

        @Schema(
                implementation = RunRequest.class,
                description = "A run request (the body of POST /api/runs, without name) that every run starts "
                        + "from; validated as that is",
                example = "{\"corpusId\": 1, \"numIterations\": 2000, \"validationFraction\": 0.1, \"evalEvery\": 50}")
        JsonNode base,

        @Schema(
                description = "Run request field -> its values: {\"values\": [...]} or a range {\"min\", \"max\", "
                        + "\"scale\": \"linear\"|\"log\"} (random only; integer fields draw integers in [min, max])",
                example = "{\"learningRate\": {\"min\": 0.01, \"max\": 0.5, \"scale\": \"log\"}, "
                        + "\"hiddenSize\": {\"values\": [32, 64, 128]}}")
        @NotEmpty
        @Size(max = 20)
        Map<String, @NotNull @Valid Parameter> parameters,

        @Schema(
                description = "grid: every combination of the values, in order (the last field varies fastest); "
                        + "random: maxRuns draws",
                example = "random")
        @NotNull
        Method method,

        @Schema(description = "Seed of the random draws (random; default: one chosen and shown)", example = "7")
        Long seed,

        @Schema(
                description = "Runs to make (random: required; grid: at most this many of the combinations)",
                example = "12")
        @Min(1)
        @Max(SweepPlan.MAX_TRIALS)
        Integer maxRuns,

        @Schema(
                description =
                        "Runs of the sweep queued or training at once (they share the queue with every " + "other run)",
                example = "4",
                defaultValue = "" + DEFAULT_MAX_CONCURRENT)
        @Min(1)
        @Max(SweepPlan.MAX_TRIALS)
        Integer maxConcurrent,

        @Schema(description = "Stop unpromising runs early (needs a validation split in the base)") @Valid
        EarlyTermination earlyTermination) {

    public static final int DEFAULT_MAX_CONCURRENT = 2;

    /** How the trials are chosen. */
    public enum Method {
        @JsonProperty("grid")
        GRID,
        @JsonProperty("random")
        RANDOM;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The values one field takes: a list, or a range for random draws. */
    @Schema(name = "SweepParameter")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parameter(
            @ArraySchema(
                    arraySchema = @Schema(description = "The values to try", example = "[32, 64, 128]"),
                    schema = @Schema(implementation = Object.class, description = "A value the field accepts"))
            @Size(min = 1, max = 1000)
            List<JsonNode> values,

            @Schema(description = "Range: lowest value", example = "0.01")
            Double min,

            @Schema(description = "Range: highest value", example = "0.5")
            Double max,

            @Schema(
                    description = "Range: linear (uniform) or log (log-uniform)",
                    example = "log",
                    defaultValue = "linear")
            Scale scale) {}

    public enum Scale {
        @JsonProperty("linear")
        LINEAR,
        @JsonProperty("log")
        LOG;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** median (the median stopping rule) or asha (asynchronous successive halving, as Ray Tune's). */
    @Schema(name = "SweepEarlyTermination")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EarlyTermination(
            @Schema(description = "median or asha", example = "asha") @NotNull
            Rule rule,

            @Schema(
                    description = "median: no run is stopped before this many iterations (default 0); asha: the "
                            + "first rung (required)",
                    example = "200")
            @Min(0)
            @Max(10_000_000)
            Integer minIterations,

            @Schema(
                    description = "median: other runs needed at an iteration before comparing",
                    example = "3",
                    defaultValue = "3")
            @Min(1)
            @Max(SweepPlan.MAX_TRIALS)
            Integer minRuns,

            @Schema(
                    description = "asha: rungs at minIterations x reductionFactor^k; a run continues past a rung "
                            + "only if in the best 1/reductionFactor recorded there",
                    example = "3",
                    defaultValue = "4")
            @DecimalMin(value = "1.0", inclusive = false)
            @jakarta.validation.constraints.DecimalMax("1000")
            Double reductionFactor) {}

    public enum Rule {
        @JsonProperty("median")
        MEDIAN,
        @JsonProperty("asha")
        ASHA;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
