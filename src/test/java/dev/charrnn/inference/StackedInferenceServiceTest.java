package dev.charrnn.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.Rng;
import dev.charrnn.nn.StackedInference;
import dev.charrnn.nn.StackedRnn;
import dev.charrnn.nn.StackedState;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.system.CharrnnProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Generation and evaluation with a stacked model are the core's StackedInference, with the reference's rules. */
class StackedInferenceServiceTest {
    private static final Vocabulary VOCABULARY = Vocabulary.of("abc d\n");
    private static final StackedRnn LSTM = StackedRnn.randomInit(
            ModelConfig.reference()
                    .withCell(ModelConfig.Cell.LSTM)
                    .withLayers(2)
                    .withEmbeddingSize(4),
            8,
            VOCABULARY.size(),
            new Rng(5));
    private static final LoadedModel MODEL = new LoadedModel(LSTM, VOCABULARY, 40);

    private final InferenceService service =
            new InferenceService(CharrnnProperties.of(Map.of("max-corpus-bytes", "1000B")));

    @Test
    void aPrimeIsFedThenItsLastCharacterSeedsTheSample() {
        Generated g = service.generate(MODEL, new GenerateRequest(60, 0.7, "dab c", 11L, null));
        StackedInference core = new StackedInference(LSTM);
        StackedState state = core.prime(VOCABULARY.encode("dab c"));
        int[] expected = core.sample(state, VOCABULARY.encode("c")[0], 60, 0.7, false, new Rng(11));
        assertThat(g.text()).isEqualTo(VOCABULARY.decode(expected));
        assertThat(g.iteration()).isEqualTo(40);
    }

    @Test
    void withoutAPrimeTheSeededGeneratorDrawsTheFirstInput() {
        Generated g = service.generate(MODEL, new GenerateRequest(30, null, null, 4L, true));
        Rng rng = new Rng(4);
        int first = rng.nextInt(VOCABULARY.size());
        StackedInference core = new StackedInference(LSTM);
        assertThat(g.text()).isEqualTo(VOCABULARY.decode(core.sample(core.zeroState(), first, 30, 1.0, true, rng)));
    }

    @Test
    void evaluationIsTheCoresLoss() {
        EvaluationView e = service.evaluate(MODEL, new EvaluateRequest("abc dab\nca"));
        assertThat(e.loss())
                .isEqualTo(new StackedInference(LSTM)
                        .evaluate(VOCABULARY.encode("abc dab\nca"))
                        .loss());
        assertThat(e.predictions()).isEqualTo(9);
        assertThat(e.lossPerChar()).isEqualTo(e.loss() / 9);
    }
}
