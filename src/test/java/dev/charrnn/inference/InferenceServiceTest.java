package dev.charrnn.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.charrnn.nn.CharRnn;
import dev.charrnn.nn.Evaluation;
import dev.charrnn.nn.Rng;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.system.ApiException;
import dev.charrnn.system.CharrnnProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class InferenceServiceTest {
    private static final Vocabulary VOCABULARY = Vocabulary.of("abc d\n\uD83D\uDE00");
    // Large weights: the distributions are far from uniform, so temperature and argmax visibly matter.
    private static final LoadedModel MODEL = new LoadedModel(random(16, VOCABULARY.size()), VOCABULARY, 300);

    private final InferenceService service =
            new InferenceService(CharrnnProperties.of(Map.of("max-corpus-bytes", "1000B")));

    private static CharRnn random(int h, int v) {
        CharRnn m = CharRnn.randomInit(h, v, new Rng(3));
        for (double[] a : m.arrays()) {
            for (int i = 0; i < a.length; i++) {
                a[i] *= 150;
            }
        }
        return m;
    }

    private Generated generate(Integer length, Double temperature, String prime, Long seed, Boolean argmax) {
        return service.generate(MODEL, new GenerateRequest(length, temperature, prime, seed, argmax));
    }

    @Test
    void sameSeedSameTextOtherSeedOtherText() {
        Generated a = generate(300, null, null, 7L, null);
        assertThat(generate(300, null, null, 7L, null)).isEqualTo(a);
        assertThat(generate(300, null, null, 8L, null).text()).isNotEqualTo(a.text());
        assertThat(a.seed()).isEqualTo(7);
        assertThat(a.temperature()).isEqualTo(1.0);
        assertThat(a.argmax()).isFalse();
        assertThat(a.iteration()).isEqualTo(300);
    }

    @Test
    void emitsExactlyLengthCodePointsWithoutThePrime() {
        Generated g = generate(50, null, "dab", 1L, null);
        assertThat(g.text().codePointCount(0, g.text().length())).isEqualTo(50);
        assertThat(g.length()).isEqualTo(50);
        assertThat(g.prime()).isEqualTo("dab");
        assertThat(generate(null, null, null, 1L, null).text().codePoints().count())
                .isEqualTo(200);
    }

    @Test
    void aRandomSeedIsReturnedAndReproducesTheText() {
        Generated g = generate(100, null, null, null, null);
        assertThat(g.seed()).isBetween(0L, 1L << 53);
        assertThat(generate(100, null, null, g.seed(), null).text()).isEqualTo(g.text());
    }

    @Test
    void thePrimeSetsTheStartingState() {
        assertThat(generate(100, null, "ab", 5L, null).text())
                .isNotEqualTo(generate(100, null, "bb", 5L, null).text());
    }

    @Test
    void argmaxWithAPrimeIgnoresTheSeed() {
        Generated a = generate(100, null, "ab c", 1L, true);
        Generated b = generate(100, null, "ab c", 99L, true);
        assertThat(b.text()).isEqualTo(a.text());
        assertThat(a.argmax()).isTrue();
    }

    @Test
    void lowTemperatureApproachesArgmax() {
        String argmax = generate(100, null, "ab", 1L, true).text();
        assertThat(generate(100, 0.001, "ab", 2L, null).text()).isEqualTo(argmax);
        assertThat(generate(100, 50.0, "ab", 2L, null).text()).isNotEqualTo(argmax);
    }

    @Test
    void rejectsTemperaturesThatAreNotFinitePositiveAndBounded() {
        for (double t : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 1e300}) {
            assertThatThrownBy(() -> generate(10, t, null, 1L, null))
                    .isInstanceOf(ApiException.class)
                    .hasMessageContaining("temperature")
                    .hasMessageContaining(String.valueOf(t));
        }
    }

    @Test
    void rejectsLengthsOutOfRange() {
        assertThatThrownBy(() -> generate(0, null, null, 1L, null)).hasMessageContaining("length");
        assertThatThrownBy(() -> generate(10_001, null, null, 1L, null)).hasMessageContaining("length");
    }

    @Test
    void namesThePrimeCharactersOutsideTheVocabulary() {
        assertThatThrownBy(() -> generate(10, null, "abxy\tx", 1L, null))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("prime")
                .hasMessageContaining("[\"x\", \"y\", \"\\t\"]");
    }

    @Test
    void evaluatesWithTheCoreEvaluation() {
        String text = "abc d\nab\uD83D\uDE00";
        EvaluationView e = service.evaluate(MODEL, new EvaluateRequest(text));
        Evaluation core = Evaluation.of(MODEL.weights(), VOCABULARY.encode(text));
        assertThat(e.characters()).isEqualTo(9);
        assertThat(e.predictions()).isEqualTo(8);
        assertThat(e.loss()).isEqualTo(core.loss());
        assertThat(e.lossPerChar()).isEqualTo(core.loss() / 8);
        assertThat(e.bitsPerChar()).isEqualTo(core.bitsPerChar());
        assertThat(e.perplexity()).isEqualTo(core.perplexity());
        assertThat(e.iteration()).isEqualTo(300);
    }

    @Test
    void rejectsTextsThatCannotBeEvaluated() {
        assertThatThrownBy(() -> service.evaluate(MODEL, new EvaluateRequest("a")))
                .hasMessageContaining("1 character;");
        assertThatThrownBy(() -> service.evaluate(MODEL, new EvaluateRequest("")))
                .hasMessageContaining("0 characters");
        assertThatThrownBy(() -> service.evaluate(MODEL, new EvaluateRequest("abZ\u00e9")))
                .hasMessageContaining("[\"Z\", \"\u00e9\"]");
        assertThatThrownBy(() -> service.evaluate(MODEL, new EvaluateRequest("ab".repeat(501))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE))
                .hasMessageContaining("charrnn.max-corpus-bytes");
    }
}
