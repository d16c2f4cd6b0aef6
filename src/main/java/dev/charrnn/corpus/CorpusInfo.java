package dev.charrnn.corpus;

import io.swagger.v3.oas.annotations.media.Schema;

/** A stored corpus without its text. */
@Schema(name = "Corpus", description = "A stored training text (deduplicated by SHA-256)")
public record CorpusInfo(
        @Schema(example = "1") long id,

        @Schema(
                description = "SHA-256 of the UTF-8 text, hex",
                example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        String sha256,

        @Schema(description = "Length in Unicode code points", example = "2490")
        int characters,

        @Schema(description = "Distinct characters", example = "24")
        int vocabularySize) {}
