package dev.charrnn.inference;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

@Schema(name = "Generated", description = "Generated text and everything needed to draw it again")
public record Generated(
        @Schema(description = "Exactly length characters, without the prime", example = "ello deep learning")
        String text,

        @Schema(example = "200") int length,
        @Schema(example = "1.0") double temperature,

        @Schema(description = "As given; null when none", example = "h")
        String prime,

        @Schema(description = "The seed used (the given one or the random one drawn)", example = "7")
        long seed,

        @Schema(example = "false") boolean argmax,

        @Schema(description = "Checkpoint iteration of a run's weights; null for an imported model", example = "2000")
        Integer iteration,

        @Schema(description = "As given; null when none", example = "5")
        Integer topK,

        @Schema(description = "As given; null when none", example = "0.9")
        Double topP,

        @Schema(description = "Every sample drawn (numSamples); the first is also text and seed above")
        List<Sample> samples) {

    @Schema(name = "GeneratedSampleText")
    public record Sample(
            @Schema(example = "0") int index,

            @Schema(description = "The seed that draws it again (the request's seed + index)", example = "7")
            long seed,

            @Schema(example = "ello deep learning") String text,
            @Schema(description = "Only when asked for") Novelty novelty) {

        public Sample withNovelty(Novelty novelty) {
            return new Sample(index, seed, text, novelty);
        }
    }

    /** The same samples, each with its novelty. */
    public Generated withNovelty(java.util.function.Function<String, Novelty> novelty) {
        return new Generated(
                text,
                length,
                temperature,
                prime,
                seed,
                argmax,
                iteration,
                topK,
                topP,
                samples.stream()
                        .map(s -> s.withNovelty(novelty.apply(s.text())))
                        .toList());
    }
}
