package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {
    private static final String GRIN = "\uD83D\uDE00"; // U+1F600
    private static final String WAVE = "\uD83C\uDF0A"; // U+1F30A

    @Test
    void sortsByCodePointNotByUtf16Unit() {
        Vocabulary v = Vocabulary.of(GRIN + "b\uFFFDa\uE000" + GRIN + "a");
        assertThat(v.characters()).containsExactly("a", "b", "\uE000", "\uFFFD", GRIN);
        // UTF-16 order would put the surrogate pair (0xD83D...) before U+E000 and U+FFFD
        assertThat(GRIN.compareTo("\uFFFD")).isNegative();
        assertThat(v.indexOf(0x1F600)).isEqualTo(4);
        assertThat(v.codePointAt(4)).isEqualTo(0x1F600);
        assertThat(v.charAt(4)).isEqualTo(GRIN);
    }

    @Test
    void encodesAndDecodesNonBmpCharactersAsOneIndexEach() {
        Vocabulary v = Vocabulary.of("ab" + GRIN);
        int[] ix = v.encode("a" + GRIN + "b" + GRIN);
        assertThat(ix).containsExactly(0, 2, 1, 2);
        assertThat(v.decode(ix)).isEqualTo("a" + GRIN + "b" + GRIN);
        assertThat(v.size()).isEqualTo(3);
    }

    @Test
    void missingAndEncodeNameTheMissingCharacters() {
        Vocabulary v = Vocabulary.of("abc");
        assertThat(v.missing("abxcyx" + GRIN)).containsExactly("x", "y", GRIN);
        assertThat(v.missing("cab")).isEmpty();
        assertThatThrownBy(() -> v.encode("a" + GRIN + "zz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("characters not in the vocabulary: [" + GRIN + ", z]");
        assertThat(v.indexOf('z')).isEqualTo(-1);
    }

    @Test
    void importedVocabularyKeepsItsOrder() {
        Vocabulary v = Vocabulary.ofCharacters(List.of("z", GRIN, "a", "\n"));
        assertThat(v.encode("a\nz" + GRIN)).containsExactly(2, 3, 0, 1);
        assertThat(v).isNotEqualTo(Vocabulary.of("za\n" + GRIN));
        assertThat(Vocabulary.ofCharacters(Vocabulary.of("za\n" + GRIN).characters()))
                .isEqualTo(Vocabulary.of("za\n" + GRIN));
    }

    @Test
    void importedVocabularyRejectsBadEntries() {
        assertThatThrownBy(() -> Vocabulary.ofCharacters(List.of("a", "bc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 1")
                .hasMessageContaining("bc");
        assertThatThrownBy(() -> Vocabulary.ofCharacters(List.of("a", GRIN, GRIN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 2 repeats");
        assertThat(Vocabulary.ofCharacters(List.of(GRIN)).size()).isEqualTo(1);
    }

    @Test
    void corpusWithEmojiTrainsAndSamplesWholeCharacters() {
        String corpus = ("sea " + WAVE + " sun " + GRIN + "\n").repeat(12);
        Vocabulary v = Vocabulary.of(corpus);
        assertThat(v.characters()).endsWith(WAVE, GRIN);
        TrainingConfig config = new TrainingConfig(16, 12, 150, 0.1, 50, 60, 3, List.of(1.0));
        Trainer trainer = Trainer.start(config, v, v.encode(corpus), null, null);
        StringBuilder all = new StringBuilder();
        for (Trainer.Step step : NnFixtures.drain(trainer)) {
            for (Trainer.TrainingSample s : step.samples()) {
                assertThat(s.text().codePointCount(0, s.text().length())).isEqualTo(60);
                all.append(s.text());
            }
        }
        for (Trainer.GeneratedSample g : trainer.generateSamples(5, 80)) {
            assertThat(g.text().codePointCount(0, g.text().length())).isEqualTo(80);
            assertThat(v.characters()).contains(g.seedChar());
            all.append(g.text());
        }
        String text = all.toString();
        assertThat(v.missing(text)).isEmpty(); // no lone surrogates, nothing outside the vocabulary
        assertThat(text).contains(WAVE, GRIN);
        assertThat(text.codePoints().filter(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE))
                .isEmpty();
    }
}
