package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Evaluation} against numpy on seed-format weights: the fixture is written by
 * {@code src/test/resources/evaluation/evaluate_numpy.py --make-fixture}.
 */
class EvaluationNumpyTest {

    @Test
    void matchesNumpyOnSeedFormatWeights() throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/evaluation/fixture.json")) {
            fixture = JsonMapper.builder().build().readTree(in);
        }
        CharRnn model = SeedWeights.fromTree(fixture.get("weights"));
        List<String> characters = new ArrayList<>();
        fixture.get("vocabulary").forEach(c -> characters.add(c.stringValue()));
        Vocabulary vocabulary = Vocabulary.ofCharacters(characters);
        String text = fixture.get("text").stringValue();
        JsonNode numpy = fixture.get("numpy");

        Evaluation e = Evaluation.of(model, vocabulary.encode(text));

        assertThat(model.H).isEqualTo(8);
        assertThat(e.characters()).isEqualTo(numpy.get("characters").intValue());
        assertThat(e.predictions()).isEqualTo(numpy.get("predictions").intValue());
        double expected = numpy.get("loss").doubleValue();
        assertThat(Math.abs(e.loss() - expected) / expected).isLessThanOrEqualTo(1e-9);
    }
}
